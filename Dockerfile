# Production image, in two stages: Node builds the stylesheet, then the app runs under gunicorn with
# static files served by whitenoise. Node and node_modules stay in the first stage.
FROM node:20-slim AS frontend
WORKDIR /build
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error
COPY frontend ./frontend
RUN mkdir -p static/css static/js static/assets \
    && npx sass --pkg-importer=node --style=compressed --no-source-map frontend/scss/app.scss static/css/app.css \
    && cp frontend/js/*.mjs node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js static/js/ \
    && cp -R node_modules/govuk-frontend/dist/govuk/assets/images static/assets/

FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app

COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt

COPY . .
COPY --from=frontend /build/static/ ./static/
RUN SECRET_KEY=build-only python manage.py collectstatic --noinput

RUN useradd --create-home cctv
USER cctv
EXPOSE 8000
# Worker class, workers and threads: gunicorn.conf.py (WEB_CONCURRENCY, GUNICORN_THREADS override them).
CMD ["sh", "-c", "python manage.py migrate --noinput && gunicorn config.wsgi:application -c gunicorn.conf.py"]
