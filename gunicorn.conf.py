"""gunicorn's settings, read by the Docker image, docker-compose and the load bench (README, "Performance").

Threads rather than more processes: a request spends much of its time waiting on PostgreSQL, during which another
thread of the same worker runs. Each setting can be changed from the environment without rebuilding the image."""

import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "gthread")
workers = int(os.environ.get("WEB_CONCURRENCY", 3))
threads = int(os.environ.get("GUNICORN_THREADS", 4))
# Off: a kept-alive connection stays with the worker that accepted it, so a few busy clients could queue behind one
# worker while the others idle (measured: p95 up to 2x under the load bench). Closed after each answer, every request
# goes to whichever worker accepts first, as behind a load balancer.
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", 0))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", 30))
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
