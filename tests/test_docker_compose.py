"""docker-compose.yml, read as Compose reads it with an empty .env: no insecure default survives."""

import re
from pathlib import Path

import pytest
import yaml

from config.settings import env_bool

COMPOSE = Path(__file__).resolve().parents[1] / "docker-compose.yml"
VARIABLE = re.compile(r"\$\{(?P<name>\w+)(?:(?P<kind>:-|:\?)(?P<rest>[^}]*))?\}")


class Required(Exception):
    pass


def interpolate(value: str) -> str:
    """``${X:-default}`` gives the default and ``${X:?message}`` refuses, as Compose does when X is unset."""

    def one(match: re.Match) -> str:
        if match["kind"] == ":?":
            raise Required(match["name"])
        return match["rest"] or ""

    return VARIABLE.sub(one, str(value))


@pytest.fixture
def services() -> dict:
    return yaml.safe_load(COMPOSE.read_text())["services"]


def test_cookies_are_secure_unless_the_env_file_says_otherwise(services, monkeypatch):
    monkeypatch.setenv("SECURE_COOKIES", interpolate(services["app"]["environment"]["SECURE_COOKIES"]))
    assert env_bool("SECURE_COOKIES") is True


def test_debug_is_off_and_cannot_be_switched_on_from_the_env_file(services, monkeypatch):
    debug = services["app"]["environment"]["DEBUG"]
    assert "$" not in str(debug)
    monkeypatch.setenv("DEBUG", str(debug))
    assert env_bool("DEBUG") is False


@pytest.mark.parametrize(
    ("service", "variable"),
    [("app", "SECRET_KEY"), ("app", "DATABASE_URL"), ("db", "POSTGRES_PASSWORD")],
)
def test_secrets_have_no_published_default(services, service, variable):
    with pytest.raises(Required):
        interpolate(services[service]["environment"][variable])


def test_the_database_is_not_published_on_the_host(services):
    assert "ports" not in services["db"]
