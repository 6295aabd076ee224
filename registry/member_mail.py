"""The emails a member is sent when an organisation admin adds them, through the ``EMAIL_*`` settings.

A new user is sent a link to set their password: Django's password-reset token (``default_token_generator``),
which stops working once the password is set and after ``PASSWORD_RESET_TIMEOUT``. Called after the membership
is committed, so a refused or rolled-back addition sends nothing."""

import logging

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from registry.models import Membership

logger = logging.getLogger(__name__)


def password_link(*, user, site_url: str) -> str:
    """The address where ``user`` sets their password: the one the password reset page would send them."""
    path = reverse(
        "password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return site_url.rstrip("/") + path


def send_invitation(*, membership: Membership, site_url: str) -> None:
    user = membership.user
    context = {
        "membership": membership,
        "password_link": password_link(user=user, site_url=site_url),
        "sign_in_link": site_url.rstrip("/") + settings.LOGIN_URL,
        "valid_days": max(1, settings.PASSWORD_RESET_TIMEOUT // 86400),
    }
    _send(membership, f"Set your password for the CCTV Register of {membership.organisation}", "invitation", context)


def send_added_notice(*, membership: Membership, site_url: str) -> None:
    context = {"membership": membership, "sign_in_link": site_url.rstrip("/") + settings.LOGIN_URL}
    _send(membership, f"You have been added to the CCTV Register of {membership.organisation}", "added", context)


def _send(membership: Membership, subject: str, template: str, context: dict) -> None:
    if not membership.user.email:
        return
    body = render_to_string(f"registration/member_{template}_email.txt", context)
    send_mail(subject, body, None, [membership.user.email])
    logger.info("Member email sent", extra={"member": membership.user.username, "email_kind": template})
