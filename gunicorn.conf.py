"""gunicorn's settings, read by the Docker image, docker-compose and the load bench (README, "Performance").

Sync worker processes: in quiet paired runs of the load bench (README, "Load") 3 sync workers answered 60 requests/s
where 3 gthread workers of 4 threads answered 45-50, their threads queueing on one interpreter lock while the other
core sat idle. GUNICORN_WORKER_CLASS=gthread with GUNICORN_THREADS > 1 brings threads back. Each setting can be
changed from the environment without rebuilding the image."""

import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "sync")
workers = int(os.environ.get("WEB_CONCURRENCY", 3))
threads = int(os.environ.get("GUNICORN_THREADS", 1))  # over 1, gunicorn runs gthread whatever the class
# Off: a kept-alive connection stays with the worker that accepted it, so busy clients can queue behind one worker
# while another idles; closed after each answer, every request goes to whichever worker accepts first, as behind a
# load balancer (README, "Load": the two settings were within the machine's noise of each other).
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", 0))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", 30))
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
