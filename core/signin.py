"""Sign-in: the form that says when a locked-out account may try again (django-axes locks it), and the
structured log lines of sign-ins, failures and lockouts (README, "Sign-in and API protection").

The receivers below only log: who may sign in is decided by django-axes and Django's authentication."""

import logging
from datetime import datetime

from axes.helpers import get_client_ip_address, get_cool_off
from axes.models import AccessAttempt
from axes.signals import user_locked_out
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core.exceptions import ValidationError
from django.dispatch import receiver
from django.template.response import TemplateResponse
from django.utils import timezone

from core.logs import log_event

logger = logging.getLogger("cctv.signin")


def locked_until(request, username: str) -> datetime | None:
    """When this username's lock from this address ends: the cool-off after the failure that locked it."""
    last_failure = (
        AccessAttempt.objects.filter(username=username, ip_address=get_client_ip_address(request))
        .order_by("-attempt_time")
        .values_list("attempt_time", flat=True)
        .first()
    )
    cool_off = get_cool_off(request)
    if last_failure is None or cool_off is None:
        return None
    return last_failure + cool_off


def clock_time(moment: datetime) -> str:
    """GOV.UK style: 2:47pm."""
    local = timezone.localtime(moment)
    return f"{local:%-I:%M}{'am' if local.hour < 12 else 'pm'}"


class SignInForm(AuthenticationForm):
    """Django's sign-in form; when django-axes refused the attempt, its error says the account is locked."""

    def get_invalid_login_error(self) -> ValidationError:
        if self.request is not None and getattr(self.request, "axes_locked_out", False):
            until = locked_until(self.request, self.cleaned_data.get("username") or "")
            when = f"after {clock_time(until)}" if until else "later"
            return ValidationError(
                f"This account is locked after too many failed sign-ins. Try again {when}, "
                "or ask your organisation's register administrator to unlock it.",
                code="locked",
            )
        return super().get_invalid_login_error()


def lockout_response(request, original_response=None, credentials=None):
    """django-axes' lockout answer: the sign-in page (its form says when to try again), as a 429."""
    if isinstance(original_response, TemplateResponse):
        original_response.status_code = 429
        return original_response
    form = SignInForm(request, data=request.POST or None)
    form.is_valid()
    return TemplateResponse(request, "registration/login.html", {"form": form}, status=429).render()


def _address(request) -> str | None:
    return get_client_ip_address(request) if request is not None else None


@receiver(user_logged_in, dispatch_uid="core.signin.log_sign_in")
def log_sign_in(sender, request, user, **kwargs) -> None:
    log_event(logger, "sign_in", username=user.get_username(), address=_address(request))


@receiver(user_login_failed, dispatch_uid="core.signin.log_sign_in_failure")
def log_sign_in_failure(sender, credentials, request=None, **kwargs) -> None:
    log_event(
        logger,
        "sign_in.failed",
        level=logging.WARNING,
        username=credentials.get("username"),
        address=_address(request),
        locked=bool(getattr(request, "axes_locked_out", False)),
    )


@receiver(user_locked_out, dispatch_uid="core.signin.log_lockout")
def log_lockout(sender, request, username, ip_address, **kwargs) -> None:
    until = locked_until(request, username) if request is not None else None
    log_event(
        logger,
        "sign_in.locked_out",
        level=logging.WARNING,
        username=username,
        address=ip_address,
        locked_until=until.isoformat() if until else None,
    )
