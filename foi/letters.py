"""The response letter: the same paragraphs shown on the request page before issuing and frozen as a .docx with
each issued version. It may be published in a disclosure log, so it never names or addresses the requester."""

import datetime
import io
import re
from dataclasses import dataclass
from typing import Any

from django.http import HttpResponse

from foi.choices import QUALIFIED_EXEMPTIONS, Exemption, Law, Outcome
from foi.outcomes import COST_LIMITS, Decision, hours_text
from foi.wording import long_date

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
NO_LETTER = "This version was issued before response letters were kept, so it has no letter."
# FOIA Code of Practice and FOISA s.20(5): the requester asks for a review within 40 working days of the response.
REVIEW_REQUEST_WORKING_DAYS = 40

# Where a requester takes a complaint after an internal review: FOIA s.50, FOISA s.47.
REGULATORS = {
    Law.FOIA: {
        "heading": "Your right to complain to the Information Commissioner",
        "text": "If you are still not satisfied after the internal review, you may complain to the Information "
        "Commissioner under section 50 of the Freedom of Information Act 2000. The Commissioner will usually expect "
        "you to have asked for an internal review first.",
        "address": "Information Commissioner's Office, Wycliffe House, Water Lane, Wilmslow, Cheshire SK9 5AF. "
        "Website: ico.org.uk.",
    },
    Law.FOISA: {
        "heading": "Your right to apply to the Scottish Information Commissioner",
        "text": "If you are still not satisfied after the review, you may apply to the Scottish Information "
        "Commissioner for a decision under section 47 of the Freedom of Information (Scotland) Act 2002, within six "
        "months of receiving the review's outcome.",
        "address": "Scottish Information Commissioner, Kinburn Castle, Doubledykes Road, St Andrews, Fife KY16 9DS. "
        "Website: itspublicknowledge.info.",
    },
}

REVIEW_RIGHTS = {
    Law.FOIA: "If you are unhappy with this response, you may ask us for an internal review. Please ask within "
    f"{REVIEW_REQUEST_WORKING_DAYS} working days of the date of this letter, quoting our reference {{reference}}. "
    "We aim to reply within 20 working days (Freedom of Information Code of Practice).",
    Law.FOISA: "If you are unhappy with this response, you may require us to review our decision (section 20 of the "
    f"Freedom of Information (Scotland) Act 2002). Please ask within {REVIEW_REQUEST_WORKING_DAYS} working days of "
    "the date of this letter, quoting our reference {reference}. We must reply within 20 working days (section 21).",
}

DECISIONS = {
    Outcome.GRANTED: "We hold the information you asked for, and give it in full below.",
    Outcome.PARTLY_GRANTED: "We hold the information you asked for. We give it below, except the parts withheld "
    "under the exemptions explained in this letter.",
    Outcome.REFUSED_EXEMPTION: "We hold the information you asked for, but we are withholding it under the "
    "exemptions explained in this letter.",
    Outcome.REFUSED_COST: "We are refusing your request because answering it would cost more than the appropriate "
    "limit (section 12 of the {law}).",
    Outcome.REFUSED_VEXATIOUS: "We are refusing your request under section 14 of the {law}, because it is vexatious "
    "or repeats a request we have already answered. We are not required to comply with it.",
    Outcome.NOT_HELD: "We do not hold the information you asked for.",
    Outcome.NEITHER_CONFIRM_NOR_DENY: "We neither confirm nor deny that we hold the information you asked for, for "
    "the reasons explained in this letter.",
}

# A refusal on these grounds gives no answers: the letter lists what was asked.
NO_ANSWERS = frozenset({Outcome.REFUSED_COST, Outcome.REFUSED_VEXATIOUS, Outcome.NOT_HELD})

# Characters XML 1.0 cannot hold, which python-docx refuses.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of the letter: ``heading`` or ``text``."""

    kind: str
    text: str


def _heading(text: str) -> Paragraph:
    return Paragraph("heading", text)


def _text(text: str) -> Paragraph:
    return Paragraph("text", text)


def letter_paragraphs(
    *,
    content: dict[str, Any],
    law: str,
    decision: Decision,
    due: datetime.date | None,
    issued_on: datetime.date,
    reason: str = "",
) -> list[Paragraph]:
    """The letter for a response's frozen ``content``: the decision, each answer, every exemption and its reasons
    (FOIA s.17(1)), a cost refusal's estimate and advice (s.12, s.16), and the requester's rights."""
    law = Law(law)
    reference = content["reference"]
    paragraphs = [
        Paragraph("title", content["organisation"]),
        _heading(f"Freedom of Information request {reference}"),
        _text(f"Our reference: {reference}"),
        _text(f"Date of this letter: {long_date(issued_on)}"),
        _text(f"Request received: {long_date(content['received_date'])}"),
    ]
    if due:
        paragraphs.append(_text(f"Response due by: {long_date(due)}"))
    if content.get("version", 1) > 1:
        paragraphs.append(_text(f"Version {content['version']} of our response. Reason: {reason or 'not given'}."))
    paragraphs += [
        _text("Dear requester,"),
        _text(f"Thank you for your request about “{content['subject']}”, which we have handled under the {law.label}."),
        _heading(f"Our decision: {decision.label}"),
        _text(DECISIONS[Outcome(decision.outcome)].format(law=law.label)),
    ]
    if decision.outcome == Outcome.REFUSED_COST:
        paragraphs += _cost_refusal(decision=decision, law=law)
    if decision.outcome in NO_ANSWERS:
        paragraphs.append(_heading("What you asked"))
        paragraphs += [_text(f"Question {answer['order']}: {answer['question']}") for answer in content["questions"]]
    else:
        paragraphs.append(_heading("Your questions and our answers"))
        for answer in content["questions"]:
            paragraphs += _answer(answer)
    paragraphs += [
        _heading("Your right to ask for a review"),
        _text(REVIEW_RIGHTS[law].format(reference=reference)),
        _heading(REGULATORS[law]["heading"]),
        _text(REGULATORS[law]["text"]),
        _text(REGULATORS[law]["address"]),
        _text("Yours sincerely,"),
        _text(f"Freedom of Information team, {content['organisation']}"),
    ]
    return paragraphs


def _cost_refusal(*, decision: Decision, law: Law) -> list[Paragraph]:
    limit = COST_LIMITS[law]
    return [
        _heading("The cost limit"),
        _text(
            f"We estimate that answering your request would take {hours_text(decision.cost_estimate_hours)} hours "
            f"of staff time. The appropriate limit under {limit.regulations} is £{limit.pounds}, with staff time "
            f"counted at £{limit.hourly_rate} an hour: {hours_text(limit.hours)} hours. Your request would take "
            f"longer, so section 12 of the {law.label} means we need not answer it."
        ),
        _heading(f"Advice and assistance ({limit.advice_section})"),
        _text(decision.advice_and_assistance),
    ]


def _answer(answer: dict[str, Any]) -> list[Paragraph]:
    number = answer["order"]
    paragraphs = [
        _heading(f"Question {number}"),
        _text(answer["question"]),
        _text(f"Answer: {answer['wording']}"),
    ]
    if answer.get("total") is not None and (answer.get("groups") or answer.get("listing")):
        paragraphs.append(
            _text(f"The figures are in the spreadsheet sent with this letter, sheet “Question {number}”.")
        )
    for entry in answer.get("withheld", []):
        paragraphs.append(_text(f"{entry['column_label']}: {entry['wording']}"))
        if entry.get("exemption"):
            paragraphs += _exemption(entry["exemption"], entry["reasoning"])
    if answer.get("exemption"):
        paragraphs += _exemption(answer["exemption"], answer["public_interest_reasoning"])
    return paragraphs


def _exemption(exemption: str, reasoning: str) -> list[Paragraph]:
    """Why the exemption applies (FOIA s.17(1)), and the public interest test where the exemption is qualified."""
    label = Exemption(exemption).label if exemption in Exemption.values else exemption
    citation = Exemption.citation(exemption) if exemption in Exemption.values else exemption
    paragraphs = [_text(f"Exemption: {label}, {citation}. Why it applies: {reasoning}")]
    if exemption in QUALIFIED_EXEMPTIONS:
        paragraphs.append(
            _text(
                "Public interest test: this exemption is qualified, so we weighed the public interest in "
                "disclosure against the public interest in withholding the information, and concluded for the "
                "reasons above that withholding it is in the greater public interest."
            )
        )
    else:
        paragraphs.append(
            _text("This exemption is absolute for other people's personal data: no public interest test applies.")
        )
    return paragraphs


def letter_docx(paragraphs: list[Paragraph], *, title: str) -> bytes:
    """The letter as a Word document. Text is added as runs, so nothing in it is read as markup."""
    from docx import Document

    document = Document()
    document.core_properties.title = NOT_XML.sub("", title)
    document.core_properties.author = NOT_XML.sub("", paragraphs[0].text) if paragraphs else ""
    for paragraph in paragraphs:
        text = NOT_XML.sub("", paragraph.text)
        if paragraph.kind == "title":
            document.add_heading(text, level=0)
        elif paragraph.kind == "heading":
            document.add_heading(text, level=2)
        else:
            document.add_paragraph(text)
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def letter_filename(reference: str, number: int) -> str:
    return f"{reference}-letter-v{number}.docx"


def letter_response(*, content: bytes, reference: str, number: int) -> HttpResponse:
    """A letter already frozen, as a download."""
    response = HttpResponse(content, content_type=DOCX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{letter_filename(reference, number)}"'
    return response
