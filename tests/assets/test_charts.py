from assets.charts import BAR_AREA_WIDTH, LABEL_WIDTH, bar_chart, stacked_bar_chart


def test_stacked_bars_share_one_scale_and_describe_each_series():
    chart = stacked_bar_chart(
        slug="eol",
        title="By year",
        rows=[("2024", [10, 30], "/cameras/?eol=2024"), ("2025", [0, 20], ""), ("2026", [1, 0], "")],
        series=("Restricted", "Other"),
    )
    first, second, third = chart.bars
    assert [segment.width for segment in first.segments] == [round(BAR_AREA_WIDTH / 4), round(BAR_AREA_WIDTH * 3 / 4)]
    assert first.segments[1].x == LABEL_WIDTH + first.segments[0].width
    assert second.segments[0].width == 0 and second.width == BAR_AREA_WIDTH // 2
    assert third.segments[0].width >= 2  # one camera still shows
    assert (first.value_label, chart.total, chart.series_totals) == ("10 of 40", 61, [11, 50])
    assert (
        chart.description
        == "By year. 2024: 10 restricted, 30 other; 2025: 0 restricted, 20 other; 2026: 1 restricted, 0 other"
    )
    assert chart.width == LABEL_WIDTH + BAR_AREA_WIDTH + 110


def test_a_single_series_chart_is_unchanged():
    groups = [{"vendor": "hikvision", "vendor_label": "Hikvision", "count": 4}]
    chart = bar_chart(slug="vendor", title="By vendor", groups=groups, dimension="vendor", link="/cameras/?vendor=")
    (bar,) = chart.bars
    assert (bar.width, bar.value_label, bar.url, chart.stacked) == (
        BAR_AREA_WIDTH,
        "4",
        "/cameras/?vendor=hikvision",
        False,
    )
    assert chart.description == "By vendor. Hikvision: 4"
