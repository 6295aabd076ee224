"""The published register's pages, for anyone without signing in, in English or Welsh (``publication.language``)."""

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from core.spreadsheets import xlsx_content_response
from publication.language import LANGUAGE_PARAMETER, chosen_language, in_public_language
from publication.selectors import (
    disclosure_log,
    headline_figures,
    public_counts,
    published_organisation,
    published_systems,
    published_version,
)
from publication.wording import figure_for_page, outcome_label, response_outcome

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
DISCLOSURES_PER_PAGE = 25


def _language_links(request) -> dict:
    """The query that shows this page in the other language, and the language the register's links carry (only
    one chosen with ``?lang=``: one that came from Accept-Language is left to the browser)."""
    chosen = chosen_language(request)
    query = request.GET.copy()
    query[LANGUAGE_PARAMETER] = "en" if request.LANGUAGE_CODE == "cy" else "cy"
    return {
        "switch_query": query.urlencode(),
        "chosen_language": chosen,
        "lang_query": f"?{LANGUAGE_PARAMETER}={chosen}" if chosen else "",
    }


@require_safe
@in_public_language
def register_page(request, slug: str):
    organisation = published_organisation(slug=slug)
    context = {
        "organisation": organisation,
        "total": public_counts(organisation=organisation, query={}, group_by="")["total"],
        "figures": [figure_for_page(figure) for figure in headline_figures(organisation=organisation)],
        "systems": published_systems(organisation=organisation),
        **_language_links(request),
    }
    return render(request, "publication/register.html", context)


@require_safe
@in_public_language
def disclosure_log_page(request, slug: str):
    organisation = published_organisation(slug=slug)
    q = request.GET.get("q", "")[:200]
    paginator = Paginator(disclosure_log(organisation=organisation, q=q), DISCLOSURES_PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    for version in page.object_list:
        version.outcome_label = outcome_label(response_outcome(version))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "organisation": organisation,
        "q": q.replace("\x00", ""),
        "page": page,
        "page_query": query.urlencode(),
        **_language_links(request),
    }
    return render(request, "publication/disclosure_log.html", context)


@require_safe
def response_workbook(request, slug: str, request_id: int, number: int):
    version = published_version(organisation=published_organisation(slug=slug), request_id=request_id, number=number)
    return xlsx_content_response(content=bytes(version.workbook), filename=version.filename)


@require_safe
def response_letter(request, slug: str, request_id: int, number: int):
    version = published_version(organisation=published_organisation(slug=slug), request_id=request_id, number=number)
    # Published as frozen: the letter writer (foi/letters.py) never puts the requester in a letter.
    letter = bytes(version.letter)
    if not letter:
        raise Http404("This response has no letter to publish.")
    response = HttpResponse(letter, content_type=DOCX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{version.request.reference}-letter-v{number}.docx"'
    return response
