"""Helpers for the member tests: the link in a new member's email, followed to set a password."""

import re

from django.core import mail

LINK = re.compile(r"https?://\S+/accounts/reset/\S+/")


def link_in_last_email(to: str) -> str:
    message = mail.outbox[-1]
    assert message.to == [to]
    match = LINK.search(message.body)
    assert match, message.body
    return match.group(0)


def set_password_through(client, link: str, password: str):
    """Follow the emailed link (Django redirects to its set-password address) and set ``password``."""
    page = client.get(link, follow=True)
    assert page.status_code == 200
    assert "Set your password" in page.text
    form_url = page.redirect_chain[-1][0]
    return client.post(form_url, {"new_password1": password, "new_password2": password}, follow=True)
