"""Cell values as people type them, turned into what the camera fields hold. Each parser returns the
value or raises ``ValueError`` with a message an officer can act on."""

import datetime
import re
from collections.abc import Callable

from assets.choices import CameraStatus
from assets.vocabulary import (
    SPREADSHEET_FALSE_WORDS,
    SPREADSHEET_TRUE_WORDS,
    STATUS_WORDS,
    country_code_from_words,
    squash,
)

# Excel counts days from 30 December 1899 (its 1900 leap-year bug folded in); beyond 2958465 is past 9999.
EXCEL_EPOCH = datetime.date(1899, 12, 30)
EXCEL_LAST_SERIAL = 2958465

UK_DATE_FORMATS = (
    "%d/%m/%Y",
    "%d/%m/%y",
    "%d-%m-%Y",
    "%d-%m-%y",
    "%d.%m.%Y",
    "%d.%m.%y",
    "%Y-%m-%d",
    "%Y/%m/%d",
    "%d %b %Y",
    "%d %B %Y",
    "%d-%b-%Y",
    "%d-%b-%y",
    "%b %Y",
    "%B %Y",
)

_SPACES = re.compile(r"\s+")


def name_key(text: str) -> str:
    """Lower case with runs of spaces made one: how site names are compared."""
    return _SPACES.sub(" ", text.strip()).casefold()


def is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def display(value) -> str:
    """A cell value as the officer would read it back in a report."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return value.strftime("%d/%m/%Y %H:%M") if value.time() != datetime.time() else value.strftime("%d/%m/%Y")
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    # NUL cannot be stored in PostgreSQL text and means nothing in a spreadsheet.
    return str(value).replace("\x00", "")


def parse_text(value, *, max_length: int | None = None) -> str:
    text = (value.replace("\x00", "") if type(value) is str else display(value)).strip()
    if max_length is not None and len(text) > max_length:
        raise ValueError(f"Too long: at most {max_length} characters, this has {len(text)}.")
    return text


def parse_date(value) -> datetime.date | None:
    if is_blank(value):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, bool):
        raise ValueError("Not a date: write dates like 31/12/2019.")
    if isinstance(value, int | float):
        # A date cell whose format was lost shows Excel's day number.
        if 1 <= value <= EXCEL_LAST_SERIAL:
            return EXCEL_EPOCH + datetime.timedelta(days=int(value))
        raise ValueError("Not a date: write dates like 31/12/2019.")
    text = _SPACES.sub(" ", str(value).strip())
    # A date and time typed or exported as text: keep the date.
    text = re.sub(r"[ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$", "", text)
    for date_format in UK_DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, date_format).date()
        except ValueError:
            continue
    raise ValueError("Not a date: write dates like 31/12/2019, 31-12-19 or 2019-12-31 (day first).")


def parse_bool(value) -> bool:
    if is_blank(value):
        return False
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    word = squash(str(value))
    if word in SPREADSHEET_TRUE_WORDS:
        return True
    if word in SPREADSHEET_FALSE_WORDS:
        return False
    raise ValueError("Not yes or no: write yes, no, y, n, true, false, 1 or 0.")


def parse_status(value) -> str:
    if is_blank(value):
        return CameraStatus.OPERATIONAL
    word = squash(display(value))
    if word in STATUS_WORDS:
        return STATUS_WORDS[word]
    labels = ", ".join(label.lower() for label in CameraStatus.labels)
    raise ValueError(f"Unknown status: use one of {labels}.")


def parse_country(value) -> str:
    """An ISO 3166-1 code (two or three letters) or an English name, as the two-letter code."""
    if is_blank(value):
        return ""
    return country_code_from_words(_SPACES.sub(" ", display(value).strip()))


def memoised(parser: Callable, *, most: int = 20_000) -> Callable:
    """``parser`` remembering its answer, a value or a ``ValueError``'s message, for up to ``most`` different cells:
    a sheet repeats its makes, dates and statuses thousands of times."""
    answers: dict = {}

    def parse(value):
        key = (type(value), value)  # True, 1 and 1.0 are equal, but not read alike
        try:
            answer = answers.get(key)
        except TypeError:  # not hashable
            return parser(value)
        if answer is None:
            try:
                answer = (parser(value), None)
            except ValueError as error:
                answer = (None, error.args)
            if len(answers) < most:
                answers[key] = answer
        if answer[1] is not None:
            raise ValueError(*answer[1])
        return answer[0]

    return parse
