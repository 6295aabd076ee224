# Two commands: `make run` serves the app with demo data on SQLite; `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEV_STAMP := $(VENV)/.installed-dev
RUN_STAMP := $(VENV)/.installed-run
NODE_STAMP := node_modules/.installed
GOVUK := node_modules/govuk-frontend/dist/govuk
FRONTEND := static/css/app.css static/js/app.mjs static/js/answer-preview.mjs static/js/import-progress.mjs static/js/govuk-frontend.min.js static/assets/images/favicon.svg
export DEBUG ?= 1

.PHONY: run test setup lint format migrate demo clean frontend

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(RUN_STAMP): requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(DEV_STAMP): requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@ $(RUN_STAMP)

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# The stylesheet and the Design System's scripts and images, built into static/ (not committed).
static/css/app.css: $(wildcard frontend/scss/*.scss) $(NODE_STAMP)
	mkdir -p static/css
	npx sass --pkg-importer=node --style=compressed --no-source-map frontend/scss/app.scss $@

# The register's own scripts, copied as they are: app.mjs imports the others.
static/js/%.mjs: frontend/js/%.mjs
	mkdir -p static/js
	cp $< $@

static/js/govuk-frontend.min.js: $(NODE_STAMP)
	mkdir -p static/js
	cp $(GOVUK)/govuk-frontend.min.js $@

static/assets/images/favicon.svg: $(NODE_STAMP)
	mkdir -p static/assets
	cp -R $(GOVUK)/assets/images static/assets/
	touch $@

frontend: $(FRONTEND)

setup: $(DEV_STAMP) frontend

migrate: $(RUN_STAMP) frontend
	$(BIN)/python manage.py migrate --noinput

demo: migrate
	$(BIN)/python manage.py load_demo

run: demo
	@echo "Serving on http://127.0.0.1:8000 — log in as demo-officer (password above)."
	$(BIN)/python manage.py runserver 127.0.0.1:8000

test: $(DEV_STAMP) frontend
	$(BIN)/pytest $(PYTEST_ARGS)

lint: $(DEV_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(DEV_STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles node_modules static/css static/js static/assets
