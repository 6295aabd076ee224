"""Celery tasks: each a thin wrapper around a service, so the work is the same with a worker or without one."""

from celery import shared_task

from foi.services import foi_reminders_send, foi_requesters_anonymise


@shared_task(name="foi.reminders_send")
def reminders_send() -> int:
    """Every morning: each FOI officer's requests due within five working days or overdue, by email."""
    return foi_reminders_send()


@shared_task(name="foi.requesters_anonymise")
def requesters_anonymise() -> int:
    """Every night: requesters of requests closed for longer than the organisation's retention period."""
    return sum(foi_requesters_anonymise().values())
