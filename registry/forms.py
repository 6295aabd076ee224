import unicodedata

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import PasswordResetForm

from core.govuk import name_required_errors
from core.views import ConcurrencyFormMixin, change_reason_field
from registry.choices import Role
from registry.models import Membership, Organisation, Site

SITE_FIELDS = ["name", "category", "address", "postcode", "ward", "sensitive", "notes"]


class SiteForm(ConcurrencyFormMixin, forms.ModelForm):
    """A site's details. When creating, the organisation is chosen among those where the user may edit."""

    class Meta:
        model = Site
        fields = ["organisation", *SITE_FIELDS]
        widgets = {"address": forms.Textarea(attrs={"rows": 3}), "notes": forms.Textarea(attrs={"rows": 4})}
        help_texts = {"postcode": "For example, SW1A 1AA", "ward": "The council ward the site is in"}
        labels = {"sensitive": "Sensitive site"}

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].empty_label = "Choose a category"
        self.fields["name"].error_messages["required"] = "Enter the site's name"
        self.fields["category"].error_messages["required"] = "Select the site's category"
        if self.instance.pk:
            del self.fields["organisation"]
            return
        field = self.fields["organisation"]
        field.queryset = Organisation.objects.filter(pk__in=[o.pk for o in organisations or []])
        if len(organisations or []) == 1:
            field.initial = organisations[0].pk
            field.widget = forms.HiddenInput()
        else:
            field.empty_label = "Choose an organisation"
            field.help_text = "You can add sites to more than one organisation"
            field.error_messages["required"] = "Select the organisation the site belongs to"

    def input_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in SITE_FIELDS}

    change_reason = change_reason_field()


class MemberPasswordResetForm(PasswordResetForm):
    """Django's reset form, also for a member who has not set a password yet (added by an admin, whose link
    expired): the register has no other way of signing in, so an unusable password is just one not yet set."""

    def get_users(self, email):
        users = get_user_model()._default_manager.filter(email__iexact=email, is_active=True)
        return (user for user in users if _email_matches(user.email, email))


def _email_matches(stored: str, given: str) -> bool:
    # As Django compares them: "ß" and "ss" must not reach the same account through the database's iexact.
    return unicodedata.normalize("NFKC", stored).casefold() == unicodedata.normalize("NFKC", given).casefold()


class MemberAddForm(forms.Form):
    """A new member of one of the organisations the admin manages: a new user, or one already in the register."""

    organisation = forms.ModelChoiceField(queryset=Organisation.objects.none())
    username = forms.CharField(
        max_length=150, help_text="For a colleague already in the register, the username they sign in with"
    )
    email = forms.EmailField(
        required=False,
        label="Email address",
        help_text="Where a new member is sent a link to set their password; leave blank for someone already in "
        "the register",
    )
    role = forms.ChoiceField(choices=Role.choices)

    def __init__(self, *args, organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        field.queryset = Organisation.objects.filter(pk__in=[o.pk for o in organisations])
        if len(organisations) == 1:
            field.initial = organisations[0].pk
            field.widget = forms.HiddenInput()
        name_required_errors(self)


class MemberForm(ConcurrencyFormMixin, forms.ModelForm):
    """A member's role, whether they are active here, and their email address."""

    email = forms.EmailField(required=False, label="Email address")

    class Meta:
        model = Membership
        fields = ["role", "is_active"]
        labels = {"is_active": "Active member (may sign in and work on this organisation's register)"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.instance.user
        self.initial["email"] = user.email
        if user.is_superuser or user.memberships.exclude(organisation_id=self.instance.organisation_id).exists():
            self.fields["email"].disabled = True
            self.fields["email"].help_text = "They belong to another organisation too: only a superuser changes it"


class MemberRemoveForm(ConcurrencyFormMixin, forms.ModelForm):
    class Meta:
        model = Membership
        fields: list[str] = []
