"""A workbook as a person receives it on paper: converted to PDF by LibreOffice headless, then read back word by
word with each word's place on its page (poppler's ``pdftotext -bbox``).

The writer puts the sheet's name in every page's header and the council, the document and "Page N of M" in its
footer, so each page is known by its header."""

import html
import re
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "printing"
TOOLS = {"soffice": "libreoffice-calc-nogui", "pdftotext": "poppler-utils", "pdftoppm": "poppler-utils"}
WORD = re.compile(
    r'<word xMin="(?P<x0>[\d.]+)" yMin="(?P<y0>[\d.]+)" xMax="(?P<x1>[\d.]+)" yMax="(?P<y1>[\d.]+)">'
    r"(?P<text>.*?)</word>"
)
PAGE = re.compile(r'<page width="(?P<width>[\d.]+)" height="(?P<height>[\d.]+)">(?P<body>.*?)</page>', re.DOTALL)
SAME_LINE_POINTS = 2.0


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float

    def overlaps(self, other: "Word") -> bool:
        """True if one word is printed over the other. Boxes include the font's ascent and descent, so the lines
        of a wrapped paragraph overlap by a quarter of their height; text printed over text shares over half."""
        width = min(self.x1, other.x1) - max(self.x0, other.x0)
        height = min(self.y1, other.y1) - max(self.y0, other.y0)
        return width > 1.0 and height > 0.5 * min(self.y1 - self.y0, other.y1 - other.y0)


@dataclass
class Page:
    number: int
    width: float
    height: float
    words: list[Word]  # in the order LibreOffice drew them
    header: str = ""
    footer: str = ""
    body: list[Word] = field(default_factory=list)

    def __post_init__(self):
        if not self.words:
            return
        top = min(word.y0 for word in self.words)
        bottom = max(word.y1 for word in self.words)
        header = [word for word in self.words if word.y0 - top < SAME_LINE_POINTS]
        footer = [word for word in self.words if bottom - word.y1 < SAME_LINE_POINTS]
        self.header = " ".join(word.text for word in sorted(header, key=lambda word: word.x0))
        self.footer = " ".join(word.text for word in sorted(footer, key=lambda word: word.x0))
        self.body = [word for word in self.words if word not in header and word not in footer]

    @property
    def body_texts(self) -> list[str]:
        return [word.text for word in self.body]

    def overlapping_words(self) -> list[tuple[str, str]]:
        words = sorted(self.body, key=lambda word: (word.y0, word.x0))
        pairs = []
        for index, word in enumerate(words):
            for other in words[index + 1 :]:
                if other.y0 > word.y1:
                    break
                if word.overlaps(other):
                    pairs.append((word.text, other.text))
        return pairs


@dataclass
class Printout:
    pdf: Path
    pages: list[Page]

    def sheet_pages(self, title: str) -> list[Page]:
        return [page for page in self.pages if page.header == title]


def missing_tools() -> list[str]:
    import shutil

    return [f"{tool} ({package})" for tool, package in TOOLS.items() if shutil.which(tool) is None]


def print_workbook(content: bytes, name: str, *, profile: Path) -> Printout:
    """``content`` (.xlsx bytes) printed to PDF by LibreOffice, kept under test-artifacts/printing/ with a PNG of
    its first page for a person to look at."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="printing-") as directory:
        workdir = Path(directory)
        source = workdir / f"{name}.xlsx"
        source.write_bytes(content)
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation={profile.as_uri()}",
                "--headless",
                "--norestore",
                "--convert-to",
                "pdf",
                "--outdir",
                str(workdir),
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
        pdf = ARTIFACTS / f"{name}.pdf"
        pdf.write_bytes((workdir / f"{name}.pdf").read_bytes())
    subprocess.run(
        ["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(ARTIFACTS / name)],
        check=True,
        timeout=60,
    )
    bbox = subprocess.run(
        ["pdftotext", "-raw", "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True, timeout=60
    ).stdout
    pages = []
    for number, match in enumerate(PAGE.finditer(bbox), start=1):
        words = [
            Word(
                html.unescape(word["text"]), float(word["x0"]), float(word["y0"]), float(word["x1"]), float(word["y1"])
            )
            for word in WORD.finditer(match["body"])
        ]
        pages.append(Page(number, float(match["width"]), float(match["height"]), words))
    return Printout(pdf=pdf, pages=pages)
