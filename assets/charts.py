"""Horizontal bar charts drawn on the server as SVG, so they need no script and print as they look."""

from dataclasses import dataclass

LABEL_WIDTH = 210
BAR_AREA_WIDTH = 330
VALUE_WIDTH = 60
ROW_HEIGHT = 32
BAR_HEIGHT = 22
MAX_LABEL_CHARACTERS = 24


@dataclass(frozen=True)
class Bar:
    label: str
    short_label: str
    count: int
    url: str
    y: int
    text_y: int
    width: int
    value_x: int


@dataclass(frozen=True)
class BarChart:
    slug: str
    title: str
    bars: list[Bar]
    total: int
    width: int = LABEL_WIDTH + BAR_AREA_WIDTH + VALUE_WIDTH

    @property
    def height(self) -> int:
        return max(len(self.bars), 1) * ROW_HEIGHT

    @property
    def description(self) -> str:
        parts = [f"{bar.label}: {bar.count}" for bar in self.bars]
        return f"{self.title}. " + ("; ".join(parts) if parts else "No cameras.")


def bar_chart(*, slug: str, title: str, groups: list[dict], dimension: str, link: str, limit: int = 10) -> BarChart:
    """A chart of ``camera_counts`` groups (largest first); the rest beyond ``limit`` are summed as "Others".

    ``link`` is a camera list URL that the group's machine value is appended to, such as ``/cameras/?vendor=``."""
    shown = groups[:limit]
    rows = [
        (g[f"{dimension}_label"], g["count"], f"{link}{g[dimension]}" if g[dimension] is not None else "")
        for g in shown
    ]
    others = sum(group["count"] for group in groups[limit:])
    if others:
        rest = len(groups) - limit
        rows.append((f"{rest} other{'s' if rest > 1 else ''}", others, ""))
    largest = max((count for _, count, _ in rows), default=0) or 1
    bars = []
    for index, (label, count, url) in enumerate(rows):
        width = max(round(BAR_AREA_WIDTH * count / largest), 2)
        short = label if len(label) <= MAX_LABEL_CHARACTERS else label[: MAX_LABEL_CHARACTERS - 1] + "…"
        y = index * ROW_HEIGHT + (ROW_HEIGHT - BAR_HEIGHT) // 2
        bars.append(Bar(label, short, count, url, y, y + BAR_HEIGHT - 6, width, LABEL_WIDTH + width + 8))
    return BarChart(slug=slug, title=title, bars=bars, total=sum(count for _, count, _ in rows))
