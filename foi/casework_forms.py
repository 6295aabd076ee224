"""Forms for FOI casework on the request pages: the requester, the channel and who handles the request; and an
extension for the public interest test. They collect input; the services decide what is valid."""

from django import forms
from django.contrib.auth import get_user_model

from foi.choices import Channel
from registry.policy import Action, roles_allowed


class AssigneeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user) -> str:
        full_name = user.get_full_name()
        return f"{full_name} ({user.username})" if full_name else user.username


def add_casework_fields(form: forms.BaseForm, *, organisations) -> None:
    """The requester, how the request arrived and who handles it, at the end of a request's form. The officers
    offered are those of ``organisations``; the service checks the one chosen belongs to the request's own."""
    officers = (
        get_user_model()
        .objects.filter(
            is_active=True,
            memberships__organisation__in=organisations,
            memberships__is_active=True,
            memberships__role__in=roles_allowed(action=Action.MANAGE_FOI),
        )
        .distinct()
        .order_by("username")
    )
    form.fields |= {
        "channel": forms.ChoiceField(
            choices=[("", "Not recorded"), *Channel.choices], required=False, label="How the request arrived"
        ),
        "requester_name": forms.CharField(
            max_length=200,
            required=False,
            label="Requester's name",
            help_text="Personal data: only FOI officers and administrators see it, it is never exported, and it is "
            "anonymised once the request has been closed for the organisation's retention period.",
        ),
        "requester_email": forms.EmailField(
            required=False,
            label="Requester's email address",
            error_messages={
                "invalid": "Enter the requester's email address in the right format, like name@example.com"
            },
            widget=forms.EmailInput(attrs={"spellcheck": "false", "autocomplete": "off"}),
        ),
        "requester_address": forms.CharField(
            required=False, label="Requester's postal address", widget=forms.Textarea(attrs={"rows": 3})
        ),
        "assigned_to": AssigneeChoiceField(
            queryset=officers,
            required=False,
            empty_label="Nobody yet",
            label="Assigned to",
            help_text="The FOI officer or administrator handling the request.",
        ),
    }
    if "change_reason" in form.fields:
        form.fields["change_reason"] = form.fields.pop("change_reason")  # the form's last box, as on every edit form


class CaseworkForm(forms.Form):
    """A request's requester, channel and assignee, on their own page."""

    def __init__(self, *args, foi_request, **kwargs):
        initial = {
            name: getattr(foi_request, name)
            for name in ("channel", "requester_name", "requester_email", "requester_address")
        } | {"assigned_to": foi_request.assigned_to_id}
        super().__init__(*args, initial=initial, **kwargs)
        add_casework_fields(self, organisations=[foi_request.organisation])


class ExtensionForm(forms.Form):
    working_days = forms.IntegerField(
        min_value=1,
        max_value=20,
        label="Further working days",
        help_text="Counted from the original due date, after any earlier extension; 20 in all at most.",
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
        error_messages={
            "required": "Enter the number of further working days",
            "invalid": "Enter the number of further working days as a whole number, such as 10",
            "min_value": "Extend by 1 working day or more",
            "max_value": "Extend by 20 working days at most",
        },
    )
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Why more time is needed",
        help_text="For example, the public interest test for the exemption in section 31.",
        error_messages={"required": "Say why more time is needed"},
    )
