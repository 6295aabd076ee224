"""Horizontal bar charts drawn on the server as SVG, so they need no script and print as they look.

A bar is one or more stacked segments, one per series (the dashboard's charts have one series; the
replacement plan's has restricted and other cameras); ``templates/assets/includes/bar_chart.html`` draws them."""

from dataclasses import dataclass

LABEL_WIDTH = 210
BAR_AREA_WIDTH = 330
VALUE_WIDTH = 60
ROW_HEIGHT = 32
BAR_HEIGHT = 22
MAX_LABEL_CHARACTERS = 24
MIN_BAR_WIDTH = 2


@dataclass(frozen=True)
class Segment:
    series: int  # index into the chart's series; picks the fill
    count: int
    x: int
    width: int


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
    segments: tuple[Segment, ...] = ()
    value_label: str = ""


@dataclass(frozen=True)
class BarChart:
    slug: str
    title: str
    bars: list[Bar]
    total: int
    series: tuple[str, ...] = ("Cameras",)
    value_width: int = VALUE_WIDTH

    @property
    def width(self) -> int:
        return LABEL_WIDTH + BAR_AREA_WIDTH + self.value_width

    @property
    def height(self) -> int:
        return max(len(self.bars), 1) * ROW_HEIGHT

    @property
    def stacked(self) -> bool:
        return len(self.series) > 1

    @property
    def series_totals(self) -> list[int]:
        return [sum(bar.segments[index].count for bar in self.bars) for index in range(len(self.series))]

    @property
    def description(self) -> str:
        if self.stacked:
            parts = [
                f"{bar.label}: " + ", ".join(f"{s.count} {self.series[s.series].lower()}" for s in bar.segments)
                for bar in self.bars
            ]
        else:
            parts = [f"{bar.label}: {bar.count}" for bar in self.bars]
        return f"{self.title}. " + ("; ".join(parts) if parts else "No cameras.")


def _short(label: str) -> str:
    return label if len(label) <= MAX_LABEL_CHARACTERS else label[: MAX_LABEL_CHARACTERS - 1] + "…"


def _layout(*, rows: list[tuple[str, list[int], str]], series: tuple[str, ...]) -> list[Bar]:
    """Bars for ``(label, count of each series, url)`` rows, scaled so the longest bar fills the bar area."""
    largest = max((sum(counts) for _, counts, _ in rows), default=0) or 1
    bars = []
    for index, (label, counts, url) in enumerate(rows):
        total = sum(counts)
        segments, x = [], LABEL_WIDTH
        for number, count in enumerate(counts):
            width = round(BAR_AREA_WIDTH * count / largest) if count else 0
            if count and width < MIN_BAR_WIDTH:
                width = MIN_BAR_WIDTH  # a small but present count stays visible
            segments.append(Segment(number, count, x, width))
            x += width
        if not total:
            segments[0] = Segment(0, 0, LABEL_WIDTH, MIN_BAR_WIDTH)  # a zero row still shows where its bar starts
        width = max(x - LABEL_WIDTH, MIN_BAR_WIDTH)
        y = index * ROW_HEIGHT + (ROW_HEIGHT - BAR_HEIGHT) // 2
        value = f"{counts[0]} of {total}" if len(series) > 1 else str(total)
        bars.append(
            Bar(
                label=label,
                short_label=_short(label),
                count=total,
                url=url,
                y=y,
                text_y=y + BAR_HEIGHT - 6,
                width=width,
                value_x=LABEL_WIDTH + width + 8,
                segments=tuple(segments),
                value_label=value,
            )
        )
    return bars


def bar_chart(*, slug: str, title: str, groups: list[dict], dimension: str, link: str, limit: int = 10) -> BarChart:
    """A chart of ``camera_counts`` groups (largest first); the rest beyond ``limit`` are summed as "Others".

    ``link`` is a camera list URL that the group's machine value is appended to, such as ``/cameras/?vendor=``."""
    shown = groups[:limit]
    rows = [
        (g[f"{dimension}_label"], [g["count"]], f"{link}{g[dimension]}" if g[dimension] is not None else "")
        for g in shown
    ]
    others = sum(group["count"] for group in groups[limit:])
    if others:
        rest = len(groups) - limit
        rows.append((f"{rest} other{'s' if rest > 1 else ''}", [others], ""))
    bars = _layout(rows=rows, series=("Cameras",))
    return BarChart(slug=slug, title=title, bars=bars, total=sum(bar.count for bar in bars))


def stacked_bar_chart(
    *, slug: str, title: str, rows: list[tuple[str, list[int], str]], series: tuple[str, ...]
) -> BarChart:
    """A chart whose bars split into ``series``: each row is ``(label, [count of each series], url)``.

    The value beside a bar reads "first series of total", such as "12 of 40"."""
    bars = _layout(rows=rows, series=series)
    return BarChart(
        slug=slug, title=title, bars=bars, total=sum(bar.count for bar in bars), series=series, value_width=110
    )
