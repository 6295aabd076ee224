"""Real processes on one database: app servers (gunicorn) and Celery workers, started by the tests themselves.

The database is a SQLite file of its own, migrated by ``manage.py migrate``: pytest-django's test database lives in
the test process (in memory on SQLite), where no other process could reach it. The tests speak to the servers over
HTTP only. A worker needs Redis (``CCTV_TEST_REDIS_URL``, by default database 5 of the local one): without it these
tests are skipped locally, and fail when CI=true. Every wait is bounded."""

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
REDIS_URL = os.environ.get("CCTV_TEST_REDIS_URL", "redis://127.0.0.1:6379/5")
STARTUP_SECONDS = 60
USERNAME, PASSWORD = "live-officer", "pw-live-12345"

SETUP = f"""
from rest_framework.authtoken.models import Token
from tests import factories
council = factories.organisation(name="Live Council", slug="live-council")
factories.site(council, name="Central Library", category_slug="library")
officer = factories.user_with_role(council, "officer", username="{USERNAME}", password="{PASSWORD}")
print(Token.objects.create(user=officer).key)
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(condition, *, seconds: float, what: str, every: float = 0.2):
    """Poll ``condition`` until it gives something truthy, for at most ``seconds``."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        answer = condition()
        if answer:
            return answer
        time.sleep(every)
    pytest.fail(f"Gave up after {seconds} s waiting for {what}.")


class Register:
    """The shared database, and how to start processes on it."""

    def __init__(self, directory: Path):
        self.directory = directory
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.test_settings",
            "CCTV_TESTING": "1",
            "DATABASE_URL": f"sqlite:///{directory / 'register.sqlite3'}",
            "SECURE_COOKIES": "false",  # plain http between the test and its servers
            "PYTHONUNBUFFERED": "1",
        }
        self.env.pop("CELERY_BROKER_URL", None)
        self.processes: list[subprocess.Popen] = []
        self.token = ""

    def migrate(self) -> None:
        manage = [str(BIN / "python"), "manage.py"]
        subprocess.run([*manage, "migrate", "--noinput", "-v0"], cwd=ROOT, env=self.env, check=True, timeout=300)
        setup = subprocess.run(
            [*manage, "shell", "-c", SETUP], cwd=ROOT, env=self.env, check=True, timeout=120, capture_output=True
        )
        self.token = setup.stdout.decode().strip().splitlines()[-1]

    def start(self, command: list[str], env: dict, log: str) -> subprocess.Popen:
        output = open(self.directory / log, "wb")  # noqa: SIM115 (closed with the process)
        process = subprocess.Popen(command, cwd=ROOT, env=self.env | env, stdout=output, stderr=subprocess.STDOUT)
        process.log = self.directory / log
        self.processes.append(process)
        return process

    def server(self, **env: str) -> str:
        """An app server (gunicorn, as in production) on a free port; its address once it answers."""
        port = free_port()
        name = f"server-{port}.log"
        command = [str(BIN / "gunicorn"), "config.wsgi:application", "--bind", f"127.0.0.1:{port}", "--workers", "1"]
        process = self.start(command + ["--timeout", "120"], env, name)
        url = f"http://127.0.0.1:{port}"

        def answers():
            if process.poll() is not None:
                pytest.fail(f"The server stopped: {process.log.read_text()[-2000:]}")
            try:
                return requests.get(f"{url}/accounts/login/", timeout=2).status_code == 200
            except (requests.ConnectionError, requests.Timeout):  # not listening yet, or its first answer is slow
                return False

        wait_for(answers, seconds=STARTUP_SECONDS, what=f"the server on port {port}")
        return url

    def worker(self, queue: str, **env: str) -> subprocess.Popen:
        """A Celery worker (one process: killing it kills the task it runs) on ``queue``, once it is ready."""
        command = [str(BIN / "celery"), "-A", "config", "worker", "--pool=solo", "-Q", queue, "--loglevel=INFO"]
        command += ["--without-gossip", "--without-mingle", "--without-heartbeat", "-n", f"{queue}@%h"]
        process = self.start(command, self.broker(queue) | env, f"worker-{len(self.processes)}.log")

        def ready():
            if process.poll() is not None:
                pytest.fail(f"The worker stopped: {process.log.read_text()[-2000:]}")
            return "ready." in process.log.read_text()

        wait_for(ready, seconds=STARTUP_SECONDS, what="the Celery worker")
        return process

    @staticmethod
    def broker(queue: str) -> dict:
        return {"CELERY_BROKER_URL": REDIS_URL, "CELERY_QUEUE": queue}

    def stop(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)


@pytest.fixture
def register(tmp_path):
    live = Register(tmp_path)
    live.migrate()
    yield live
    live.stop()


@pytest.fixture
def redis_queue():
    """A queue of its own on the test Redis, so no other run's worker takes these tasks; its messages removed after."""
    import redis

    try:
        connection = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2)
        connection.ping()
    except redis.RedisError as error:
        if os.environ.get("CI") == "true":
            pytest.fail(f"Redis ({REDIS_URL}) is not reachable: CI must run the Celery tests ({error}).")
        pytest.skip(f"Redis ({REDIS_URL}) is not reachable: Celery tests skipped locally.")
    queue = f"cctv-test-{secrets.token_hex(4)}"
    yield queue
    connection.delete(queue)
    connection.close()


class Browser:
    """A person at a browser: one cookie jar, whichever server the load balancer sends each request to."""

    def __init__(self):
        self.session = requests.Session()

    def csrf(self, url: str) -> str:
        page = self.session.get(url, timeout=10)
        assert page.status_code == 200, page.text[:500]
        return hidden(page.text, "csrfmiddlewaretoken")

    def sign_in(self, server: str, username: str = USERNAME, password: str = PASSWORD) -> None:
        """Through the sign-in form, as a person does (django-axes watches it)."""
        token = self.csrf(f"{server}/accounts/login/")
        response = self.session.post(
            f"{server}/accounts/login/",
            data={"username": username, "password": password, "csrfmiddlewaretoken": token},
            allow_redirects=False,
            timeout=10,
        )
        assert response.status_code == 302, response.text[:500]


def hidden(html: str, name: str) -> str:
    marker = f'name="{name}" value="'
    start = html.index(marker) + len(marker)
    return html[start : html.index('"', start)]


@pytest.fixture
def browser():
    return Browser()


def camera_rows(count: int) -> bytes:
    lines = ["Asset tag,Site,Make,Install date"] + [
        f"LIVE-{n:06d},Central Library,Axis,2021-03-04" for n in range(count)
    ]
    return ("\r\n".join(lines) + "\r\n").encode()
