"""A private stack for fault tests and benches: a throwaway PostgreSQL cluster in a temporary directory on a free
port, the register migrated into it, and gunicorn in front. It never touches the shared cluster on port 5432: every
pg_ctl call names the private data directory. As root, initdb and postgres refuse to run, so they run as the
``postgres`` user. Every wait is bounded."""

import glob
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATABASE = "cctv_register"


def postgres_binaries() -> Path | None:
    """The newest installed PostgreSQL's bin directory with initdb and pg_ctl, or None."""
    found = [
        Path(directory)
        for directory in glob.glob("/usr/lib/postgresql/*/bin")
        if Path(directory, "initdb").exists() and Path(directory, "pg_ctl").exists()
    ]
    return max(found, key=lambda directory: int(directory.parent.name), default=None)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class PrivateCluster:
    """``with PrivateCluster() as cluster:`` initdb, start, and at the end stop and delete it."""

    def __init__(self, binaries: Path | None = None):
        self.binaries = binaries or postgres_binaries()
        if self.binaries is None:
            raise RuntimeError("No PostgreSQL binaries under /usr/lib/postgresql/*/bin")
        self.port = free_port()
        self.directory = Path(tempfile.mkdtemp(prefix="cctv-pg-"))
        self.data = self.directory / "data"
        self.log = self.directory / "postgres.log"

    def _run(self, *arguments: str, timeout: float = 60) -> None:
        command = [str(self.binaries / arguments[0]), *arguments[1:]]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, capture_output=True, timeout=timeout, cwd=self.directory)

    def create(self) -> None:
        if os.geteuid() == 0:
            shutil.chown(self.directory, "postgres", "postgres")
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync")

    def start(self, timeout: float = 30) -> None:
        """Returns within 20 ms of the server accepting connections (pg_ctl's own wait polls every 100 ms)."""
        import psycopg2

        # Durability off: the cluster is thrown away, and fsync would only slow the migrations.
        options = f"-p {self.port} -h 127.0.0.1 -k {self.directory} -c fsync=off -c full_page_writes=off"
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-o", options, "-W", "start")
        deadline = time.monotonic() + timeout
        while True:
            try:
                psycopg2.connect(self.url("postgres"), connect_timeout=2).close()
                return
            except psycopg2.OperationalError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.02)

    def stop(self) -> None:
        """As on a restart: connections are ended, new ones refused until start()."""
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "-t", "30", "stop")

    def remove(self) -> None:
        if (self.data / "postmaster.pid").exists():
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "-t", "30", "stop")
        shutil.rmtree(self.directory, ignore_errors=True)

    def url(self, database: str = DATABASE) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def create_database(self, database: str = DATABASE) -> None:
        import psycopg2

        connection = psycopg2.connect(self.url("postgres"))
        connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{database}"')
        connection.close()

    def __enter__(self) -> "PrivateCluster":
        try:
            self.create()
            self.start()
            self.create_database()
        except BaseException:
            self.remove()
            raise
        return self

    def __exit__(self, *exc_info) -> None:
        self.remove()


def server_environment(database_url: str, **extra: str) -> dict:
    """The register as production runs it (DEBUG off), on plain http and with throttling out of reach; static
    files unhashed as under the test suite, so no collectstatic is needed."""
    return os.environ | {
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "0",
        "CCTV_TESTING": "1",
        "SECRET_KEY": "fault-bench-only-not-a-secret",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_COOKIES": "0",
        "API_THROTTLE_USER": "1000000/minute",
        "API_THROTTLE_ANON": "1000000/minute",
        # whitenoise looks for collectstatic's output, which the unhashed files do not need
        "PYTHONWARNINGS": "ignore:No directory at:UserWarning",
        **extra,
    }


def manage(environment: dict, *arguments: str, timeout: float = 300) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if result.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(arguments)} failed:\n{result.stderr[-3000:]}")
    return result.stdout


@dataclass
class Credentials:
    token: str
    session: str


# A token for the API and a signed-in session for the pages, made in the database directly (no sign-in form).
CREDENTIALS_SCRIPT = """
import json
from django.contrib.auth import get_user_model
from django.test import Client
from rest_framework.authtoken.models import Token

user = get_user_model().objects.filter(username={username!r}).first()
if user is None:
    user = get_user_model().objects.create_superuser({username!r}, "{username}@example.org", None)
browser = Client()
browser.force_login(user)
print(json.dumps({{"token": Token.objects.get_or_create(user=user)[0].key,
                  "session": browser.cookies["sessionid"].value}}))
"""


def credentials(environment: dict, username: str) -> Credentials:
    """A token and a session for ``username`` (made a superuser if it does not exist)."""
    output = manage(environment, "shell", "-v", "0", "-c", CREDENTIALS_SCRIPT.format(username=username))
    return Credentials(**json.loads(output.strip().splitlines()[-1]))


class Gunicorn:
    """``with Gunicorn(environment, workers=3) as server:`` serves the register on a free port (sync workers unless
    told otherwise); its output (the JSON log lines) goes to ``server.log``."""

    def __init__(
        self,
        environment: dict,
        *,
        workers: int | None = 2,
        worker_class: str | None = "sync",
        threads: int | None = 1,
        log: Path,
    ):
        self.environment = environment
        # None leaves the setting to the repository's gunicorn.conf.py, which gunicorn reads from its directory. Sync
        # workers need threads 1: with more, gunicorn quietly runs gthread instead.
        self.options = {"--workers": workers, "--worker-class": worker_class, "--threads": threads}
        self.port = free_port()
        self.log = log
        self.process: subprocess.Popen | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> "Gunicorn":
        gunicorn = Path(sys.executable).parent / "gunicorn"
        with self.log.open("wb") as output:
            self.process = subprocess.Popen(
                [str(gunicorn), "config.wsgi", "--bind", f"127.0.0.1:{self.port}"]
                + [part for option, value in self.options.items() if value for part in (option, str(value))]
                + ["--timeout", "30", "--graceful-timeout", "5"],
                cwd=ROOT,
                env=self.environment,
                stdout=output,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited:\n{self.log.read_text()[-3000:]}")
            if fetch(f"{self.base}/accounts/login/", timeout=2).status == 200:
                return self
            time.sleep(0.2)
        self.__exit__()
        raise RuntimeError("gunicorn did not answer within 30 s")

    def __exit__(self, *exc_info) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)


@dataclass
class Answer:
    """An HTTP answer, or the exception's class name as ``error`` (status 0) when there was none."""

    status: int
    headers: dict
    body: bytes
    error: str = ""

    @property
    def kind(self) -> str:
        return self.error or str(self.status)


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *arguments, **keywords):
        return None


_opener = urllib.request.build_opener(_NoRedirects)


def fetch(url: str, *, headers: dict | None = None, timeout: float = 10) -> Answer:
    """GET ``url`` without following redirects (a 302 to sign-in is an answer of its own)."""
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with _opener.open(request, timeout=timeout) as response:
            return Answer(response.status, dict(response.headers), response.read())
    except urllib.error.HTTPError as error:
        return Answer(error.code, dict(error.headers), error.read())
    except (OSError, urllib.error.URLError) as error:
        reason = getattr(error, "reason", None)
        return Answer(0, {}, b"", type(reason if isinstance(reason, BaseException) else error).__name__)
