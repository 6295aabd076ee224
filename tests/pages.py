"""Reading rendered GOV.UK pages and posting their forms back as a browser would."""


def error_summary(response) -> str:
    """The text of the page's error summary, or "" when it has none."""
    html = response.content.decode()
    start = html.find('class="govuk-error-summary"')
    if start == -1:
        return ""
    return html[start : html.find("</ul>", start)]


def form_data(form, **changes) -> dict:
    """What the browser would post for ``form`` as rendered (its initial values), with ``changes``."""
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        widget = field.widget
        if hasattr(widget, "widgets"):
            parts = widget.decompress(value) if not isinstance(value, list) else value
            for part, part_value in zip(("day", "month", "year"), parts, strict=True):
                data[f"{name}_{part}"] = "" if part_value is None else str(part_value)
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        else:
            data[name] = "" if value is None else str(value)
    for name, value in changes.items():
        if isinstance(value, tuple):
            for part, part_value in zip(("day", "month", "year"), value, strict=True):
                data[f"{name}_{part}"] = str(part_value)
        elif value is False:
            data.pop(name, None)
        else:
            data[name] = value
    return data


def signs_in(client, username: str, password: str) -> bool:
    """Sign in through the sign-in page, as a person does (django-axes watches that form, not ``client.login``):
    True when the password was accepted and the session now holds the user."""
    response = client.post("/accounts/login/", {"username": username, "password": password})
    return response.status_code == 302 and "_auth_user_id" in client.session
