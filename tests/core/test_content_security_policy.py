"""The Content Security Policy header on pages (the browser tests check pages obey it: tests/browser/)."""

import re

import pytest


@pytest.mark.django_db
def test_pages_send_a_policy_without_unsafe_inline_and_their_inline_script_carries_its_nonce(client):
    response = client.get("/accounts/login/")
    policy = dict(directive.strip().split(" ", 1) for directive in response["Content-Security-Policy"].split(";"))
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert policy["default-src"] == "'self'" and policy["object-src"] == "'none'"
    assert policy["frame-ancestors"] == "'none'"
    [nonce] = re.findall(r"'nonce-([^']+)'", policy["script-src"])
    assert f"'nonce-{nonce}'" in policy["style-src"]
    scripts = re.findall(r"<script([^>]*)>", response.content.decode())
    inline = [attributes for attributes in scripts if "src=" not in attributes]
    assert inline == [f' nonce="{nonce}"']


@pytest.mark.django_db
def test_each_response_has_its_own_nonce(client):
    first, second = (client.get("/accounts/login/")["Content-Security-Policy"] for _ in range(2))
    assert first != second
