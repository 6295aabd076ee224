"""A published response letter without its requester: the frozen letter is addressed to them, so their name, email
and address are taken out of the copy the public downloads (the frozen letter itself never changes)."""

import io

from foi.models import FOIRequest

WITHHELD = "[requester]"


def requester_details(foi_request: FOIRequest) -> list[str]:
    """The requester's details as a letter may spell them: the name, the email, the address and each of its lines."""
    address = foi_request.requester_address or ""
    details = [foi_request.requester_name, foi_request.requester_email, address, *address.splitlines()]
    # Longest first, so a whole address goes before its lines and a full name before a part of it.
    return sorted({detail.strip() for detail in details if detail and detail.strip()}, key=len, reverse=True)


def letter_publishable(foi_request: FOIRequest) -> bool:
    """Once a requester is anonymised their details are no longer known, so their letter cannot be cleaned."""
    return foi_request.requester_anonymised_at is None


def _paragraphs(document):
    yield from document.paragraphs
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                yield from cell.paragraphs
    for section in document.sections:
        for part in (section.header, section.footer, section.first_page_header, section.first_page_footer):
            yield from part.paragraphs


def redacted_letter(*, letter: bytes, foi_request: FOIRequest) -> bytes:
    """The letter with every one of the requester's details replaced by "[requester]"."""
    from docx import Document

    details = requester_details(foi_request)
    document = Document(io.BytesIO(letter))
    for paragraph in _paragraphs(document):
        text = paragraph.text
        cleaned = text
        for detail in details:
            cleaned = _replace_ignoring_case(cleaned, detail)
        if cleaned != text and paragraph.runs:
            # A detail may span several runs: the paragraph's text goes into its first run, keeping its style.
            paragraph.runs[0].text = cleaned
            for run in paragraph.runs[1:]:
                run.text = ""
    properties = document.core_properties
    properties.author = properties.last_modified_by = ""
    properties.title = _clean_all(properties.title or "", details)
    properties.subject = _clean_all(properties.subject or "", details)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _clean_all(text: str, details: list[str]) -> str:
    for detail in details:
        text = _replace_ignoring_case(text, detail)
    return text


def _replace_ignoring_case(text: str, detail: str) -> str:
    lowered, target = text.casefold(), detail.casefold()
    if target not in lowered or len(lowered) != len(text):
        return text.replace(detail, WITHHELD)
    pieces, start = [], 0
    while (found := lowered.find(target, start)) != -1:
        pieces += [text[start:found], WITHHELD]
        start = found + len(target)
    return "".join([*pieces, text[start:]])
