"""The statistics as two server-drawn SVG charts (no script, and they print as they look), in the manner of
``assets/charts.py``: requests received, answered and answered in time per period, and the share answered in time
against the ICO's 90% line. ``templates/foi/includes/statistics_chart.html`` draws them; the page's table holds the
same figures for those who cannot see them."""

from dataclasses import dataclass

from foi.statistics import ICO_TARGET_PERCENT, FOIStatistics

LABEL_WIDTH = 130
BAR_AREA_WIDTH = 380
VALUE_WIDTH = 70
BAR_HEIGHT = 14
GROUP_GAP = 12
PERCENT_BAR_HEIGHT = 18
PERCENT_ROW_HEIGHT = 28
COUNT_SERIES = ("Received", "Answered", "Answered in time")


@dataclass(frozen=True)
class ChartBar:
    series: int
    count: int
    y: int
    width: int
    text_y: int
    value_x: int


@dataclass(frozen=True)
class ChartGroup:
    label: str
    label_y: int
    bars: tuple[ChartBar, ...]


@dataclass(frozen=True)
class PercentBar:
    label: str
    percent: float | None
    y: int
    text_y: int
    width: int
    value_x: int

    @property
    def value_label(self) -> str:
        return "none answered" if self.percent is None else f"{self.percent:.1f}%"


@dataclass(frozen=True)
class StatisticsCharts:
    groups: list[ChartGroup]
    percent_bars: list[PercentBar]
    counts_description: str
    percent_description: str
    series: tuple[str, ...] = COUNT_SERIES
    label_width: int = LABEL_WIDTH
    target_percent: int = ICO_TARGET_PERCENT

    @property
    def width(self) -> int:
        return LABEL_WIDTH + BAR_AREA_WIDTH + VALUE_WIDTH

    @property
    def counts_height(self) -> int:
        return max(len(self.groups), 1) * (len(COUNT_SERIES) * BAR_HEIGHT + GROUP_GAP)

    @property
    def percent_height(self) -> int:
        return max(len(self.percent_bars), 1) * PERCENT_ROW_HEIGHT + 20

    @property
    def target_x(self) -> int:
        return LABEL_WIDTH + round(BAR_AREA_WIDTH * self.target_percent / 100)


def statistics_charts(statistics: FOIStatistics) -> StatisticsCharts:
    largest = max((figure.received for figure in statistics.periods), default=0)
    largest = max([largest, *(figure.answered for figure in statistics.periods)]) or 1
    groups, percent_bars = [], []
    group_height = len(COUNT_SERIES) * BAR_HEIGHT + GROUP_GAP
    for index, figure in enumerate(statistics.periods):
        top = index * group_height + GROUP_GAP // 2
        bars = []
        for series, count in enumerate((figure.received, figure.answered, figure.answered_in_time)):
            width = round(BAR_AREA_WIDTH * count / largest)
            y = top + series * BAR_HEIGHT
            bars.append(ChartBar(series, count, y, width, y + BAR_HEIGHT - 3, LABEL_WIDTH + width + 6))
        groups.append(ChartGroup(figure.label, top + BAR_HEIGHT * 2, tuple(bars)))
        percent = figure.in_time_percent
        y = index * PERCENT_ROW_HEIGHT + 20 + (PERCENT_ROW_HEIGHT - PERCENT_BAR_HEIGHT) // 2
        width = round(BAR_AREA_WIDTH * (percent or 0) / 100)
        percent_bars.append(
            PercentBar(figure.label, percent, y, y + PERCENT_BAR_HEIGHT - 4, width, LABEL_WIDTH + width + 6)
        )
    counts = "; ".join(
        f"{figure.label}: {figure.received} received, {figure.answered} answered, {figure.answered_in_time} in time"
        for figure in statistics.periods
    )
    percents = "; ".join(f"{bar.label}: {bar.value_label}" for bar in percent_bars)
    return StatisticsCharts(
        groups=groups,
        percent_bars=percent_bars,
        counts_description=f"Requests received, answered and answered in time. {counts}.",
        percent_description=f"Share of requests answered in time, against the ICO's {ICO_TARGET_PERCENT}% line. "
        f"{percents}.",
    )
