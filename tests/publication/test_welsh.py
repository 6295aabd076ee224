"""The public pages in Welsh: a complete catalogue, compiled, used, and nothing left in English on a Welsh page."""

import ast
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.utils import translation
from django.utils.translation.template import templatize

from foi.models import FOIRequest
from registry.models import SiteCategory, SurveillanceSystem

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "locale" / "cy" / "LC_MESSAGES" / "django.po"
PUBLIC_TEMPLATES = sorted((ROOT / "templates" / "publication").glob("*.html"))
PUBLIC_MODULES = sorted((ROOT / "publication").glob("*.py"))


def catalogue_entries() -> list[dict]:
    """The .po's entries: msgid, msgid_plural, msgstr (a list: one per plural form) and flags."""
    entries, entry, field = [], None, None
    for line in [*CATALOGUE.read_text(encoding="utf-8").splitlines(), ""]:
        if not line.strip():
            if entry and entry["msgid"]:
                entries.append(entry)
            entry, field = None, None
            continue
        entry = entry or {"msgid": "", "msgid_plural": "", "msgstr": {}, "flags": ""}
        if line.startswith("#,"):
            entry["flags"] += line
        elif line.startswith("#"):
            continue
        elif match := re.match(r"(msgid_plural|msgid|msgstr)(?:\[(\d)\])? (\".*\")$", line):
            name, index, text = match.groups()
            field = (name, int(index or 0))
            value = ast.literal_eval(text)
            if name == "msgstr":
                entry["msgstr"][field[1]] = value
            else:
                entry[name] = value
        elif line.startswith('"'):
            value = ast.literal_eval(line)
            if field[0] == "msgstr":
                entry["msgstr"][field[1]] += value
            else:
                entry[field[0]] += value
    return entries


def strings_to_translate() -> set[str]:
    """Every msgid the public templates and the publication package ask for, as makemessages finds them."""
    found = set()
    for path in PUBLIC_TEMPLATES:
        source = templatize(path.read_text(encoding="utf-8"), origin=str(path))
        found.update(
            ast.literal_eval(text) for text in re.findall(r"(?:gettext|ngettext)\(u?('(?:[^'\\]|\\.)*')", source)
        )
    for path in PUBLIC_MODULES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            called = isinstance(node, ast.Call) and getattr(node.func, "id", "") in {"_", "gettext_noop", "gettext"}
            if called and node.args and isinstance(node.args[0], ast.Constant):
                found.add(node.args[0].value)
    return found


def test_every_public_string_is_in_the_catalogue_and_translated():
    entries = {entry["msgid"]: entry for entry in catalogue_entries()}
    wanted = strings_to_translate()
    assert len(wanted) > 50
    assert sorted(wanted - set(entries)) == []  # run makemessages (README) and translate what it adds
    for msgid, entry in entries.items():
        assert "fuzzy" not in entry["flags"], msgid
        forms = 4 if entry["msgid_plural"] else 1  # Welsh has four plural forms
        assert [bool(entry["msgstr"].get(form)) for form in range(forms)] == [True] * forms, msgid


def test_the_committed_mo_is_compiled_from_the_po():
    with translation.override("cy"):
        for entry in catalogue_entries():
            if entry["msgid_plural"]:
                for count, form in [(1, 0), (2, 1), (3, 2), (8, 3)]:
                    assert translation.ngettext(entry["msgid"], entry["msgid_plural"], count) == entry["msgstr"][form]
            else:
                assert translation.gettext(entry["msgid"]) == entry["msgstr"][0], entry["msgid"]


@pytest.mark.skipif(not shutil.which("msgfmt"), reason="gettext is not installed")
def test_the_catalogue_passes_msgfmt_check(tmp_path):
    result = subprocess.run(
        ["msgfmt", "--check", "-o", str(tmp_path / "django.mo"), str(CATALOGUE)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


class TextNodes(HTMLParser):
    """The text a visitor reads: text nodes and the attributes read aloud or shown (aria-label, title, value)."""

    def __init__(self):
        super().__init__()
        self.nodes: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        for name, value in attrs:
            if name in ("aria-label", "title", "alt", "placeholder") and value:
                self.nodes.append(value.strip())

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip and data.strip():
            self.nodes.append(" ".join(data.split()))


def text_nodes(html: str) -> set[str]:
    parser = TextNodes()
    parser.feed(html)
    return set(parser.nodes)


def data_values(organisation) -> set[str]:
    """What the council wrote, shown as written in either language."""
    values = {organisation.name, "English", "Cymraeg", "–", ":", "(", ")", ")."}
    for system in SurveillanceSystem.objects.filter(organisation=organisation):
        values |= {system.name, system.purpose, system.public_contact}
    values |= set(SiteCategory.objects.values_list("name", flat=True))
    values |= set(FOIRequest.objects.filter(organisation=organisation).values_list("reference", flat=True))
    values |= set(FOIRequest.objects.filter(organisation=organisation).values_list("subject", flat=True))
    values |= {"Hikvision", "Japan", "Taiwan", "Sweden", "Israel", "Canada"}  # the same in Welsh
    return values


@pytest.mark.parametrize("path", ["/public/demo-council/", "/public/demo-council/disclosure-log/"])
def test_nothing_on_a_welsh_page_is_left_in_english(published, client, path):
    english = text_nodes(client.get(path, headers={"accept-language": "en"}).content.decode())
    welsh = text_nodes(client.get(path, headers={"accept-language": "cy"}).content.decode())
    same = {node for node in english & welsh if re.search(r"[A-Za-z]{2}", node)}
    assert sorted(same - data_values(published)) == []
    assert "Cofrestr teledu cylch cyfyng" in welsh or "Log datgelu" in welsh


def test_the_check_sees_an_english_string(published, client, tmp_path, settings):
    """A template string outside {% translate %} would show in both languages, and the page check names it."""
    page = tmp_path / "publication" / "register.html"
    page.parent.mkdir()
    source = (ROOT / "templates" / "publication" / "register.html").read_text(encoding="utf-8")
    page.write_text(source.replace("{% block content %}", "{% block content %}<p>Forgotten words</p>"))
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}]
    english = text_nodes(client.get("/public/demo-council/?lang=en").content.decode())
    welsh = text_nodes(client.get("/public/demo-council/?lang=cy").content.decode())
    assert "Forgotten words" in (english & welsh) - data_values(published)


def test_accept_language_and_the_switch(published, client):
    welsh = client.get("/public/demo-council/", headers={"accept-language": "cy,en;q=0.5"})
    text = welsh.content.decode()
    assert welsh["Content-Language"] == "cy" and "Accept-Language" in welsh["Vary"]
    assert '<html lang="cy"' in text and "Mae 3 camera mewn gwasanaeth." in text
    assert 'href="?lang=en"' in text and ">English</a>" in text
    chosen = client.get("/public/demo-council/?lang=en", headers={"accept-language": "cy"})
    assert chosen["Content-Language"] == "en" and "3 cameras are in service." in chosen.content.decode()
    # The choice is carried by the register's own links.
    assert 'href="/public/demo-council/disclosure-log/?lang=en"' in chosen.content.decode()
    default = client.get("/public/demo-council/", headers={"accept-language": "fr"})
    assert default["Content-Language"] == "en"


def test_dates_and_labels_in_welsh(published, client):
    log = client.get("/public/demo-council/disclosure-log/?lang=cy").content.decode()
    assert "3 Mehefin 2024" in log and "1 ymateb wedi'i gyhoeddi" in log
    register = client.get("/public/demo-council/?lang=cy").content.decode()
    assert "Tsieina" in register and "Nid ar rwydwaith" in register and "31 diwrnod" in register


def test_the_rest_of_the_site_stays_in_english(published, client):
    from registry.choices import Role
    from tests import factories

    client.force_login(factories.user_with_role(published, Role.ADMIN))
    page = client.get("/", headers={"accept-language": "cy"})
    assert page.status_code == 200 and '<html lang="en-GB"' in page.content.decode()
    assert "Content-Language" not in page
    counts = client.get("/api/v1/cameras/counts/?group_by=origin_country", headers={"accept-language": "cy"}).json()
    assert {group["origin_country_label"] for group in counts["groups"]} >= {"China"}
    public_api = client.get("/api/v1/public/demo-council/counts/?group_by=networked", headers={"accept-language": "cy"})
    assert {group["networked_label"] for group in public_api.json()["groups"]} == {"Networked", "Not networked"}


def test_an_unknown_language_is_not_carried(published, client):
    page = client.get('/public/demo-council/disclosure-log/?lang="><b>x', headers={"accept-language": "cy"})
    text = page.content.decode()
    assert page["Content-Language"] == "cy" and "<b>x" not in text and 'name="lang"' not in text
    assert 'href="/public/demo-council/"' in text
