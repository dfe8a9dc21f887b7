"""Dates: the printed shapes, a month alone, 日期粘连 (dates glued by the extractor), years."""

from datetime import date

import pytest

from normalize.dates import parse_date, parse_year, split_dates

DATE_CASES = [
    ("2019-1-1", date(2019, 1, 1)),
    ("2019.1.1", date(2019, 1, 1)),
    ("2019/01/01", date(2019, 1, 1)),
    ("2019年1月1日", date(2019, 1, 1)),
    ("2020-01-01", date(2020, 1, 1)),
    ("2020-12-31", date(2020, 12, 31)),
    ("2019年12月31号", date(2019, 12, 31)),
    (" 2020-04-10 ", date(2020, 4, 10)),
    ("２０１９－１－１", date(2019, 1, 1)),
    ("2020-2-29", date(2020, 2, 29)),
    ("-202301-01", date(2023, 1, 1)),  # a WPS text layer's character order
]


@pytest.mark.parametrize(("printed", "expected"), DATE_CASES)
def test_parse_date(printed: str, expected: date) -> None:
    assert parse_date(printed) == expected
    assert parse_date(printed, as_end=True) == expected  # a full date is the same either way


# a month alone is its first day as a start, its last as an end (seed 002: 2019年1月 … 2019年12月)
MONTH_CASES = [
    ("2019年1月", date(2019, 1, 1), date(2019, 1, 31)),
    ("2019年12月", date(2019, 12, 1), date(2019, 12, 31)),
    ("2019-12", date(2019, 12, 1), date(2019, 12, 31)),
    ("2019.12", date(2019, 12, 1), date(2019, 12, 31)),
    ("2020年2月", date(2020, 2, 1), date(2020, 2, 29)),
    ("2019-2", date(2019, 2, 1), date(2019, 2, 28)),
]


@pytest.mark.parametrize(("printed", "start", "end"), MONTH_CASES)
def test_parse_date_month_alone(printed: str, start: date, end: date) -> None:
    assert parse_date(printed) == start
    assert parse_date(printed, as_end=True) == end


DATE_REJECTS = [
    "", "—", "2019-2-29", "2019-13-1", "2019-0-1", "2019-1-32", "1800-1-1", "2100-1-1", "2019-1.1",
    "2019年", "2019", "20190101", "2019-12-312019-1-1", "2019-1-1日", "19-1-1",
]


@pytest.mark.parametrize("printed", DATE_REJECTS)
def test_parse_date_rejects(printed: str) -> None:
    assert parse_date(printed) is None


# 日期粘连: cells of one row run together in the text layer (seed 002: 结束时间 2019-12-312019-1-1)
SPLIT_CASES = [
    ("2019-12-312019-1-1", ["2019-12-31", "2019-1-1"]),
    ("2019.12.312019.1.1", ["2019.12.31", "2019.1.1"]),
    ("结束时间 2019-12-312019-1-1", ["2019-12-31", "2019-1-1"]),
    ("2019年1月 结束时间 2019年12月", ["2019年1月", "2019年12月"]),
    ("2019-1-12019-12-31", ["2019-1-1", "2019-12-31"]),
    ("2019-1-112019-2-1", ["2019-1-11", "2019-2-1"]),
    ("2019-1-12", ["2019-1-12"]),
    ("2019/01/012019/12/31", ["2019/01/01", "2019/12/31"]),
    ("2019年1月1日2019年12月31日", ["2019年1月1日", "2019年12月31日"]),
    ("2019年1月2019年12月", ["2019年1月", "2019年12月"]),
    ("开始时间 2019-1-1 结束时间 2019-12-31", ["2019-1-1", "2019-12-31"]),
    ("2012年5月15日，上海市人民政府第141次常务会议", ["2012年5月15日"]),
    ("2019-12-31-", ["2019-12-31"]),
    ("2024年一2026年", ["2024年1月", "2026年12月"]),  # an OCR's 一 for the dash of a period
    ("2024年1一12月", ["2024年1月", "2024年12月"]),
    ("项目概况", []),
    ("12333热线", []),
    ("", []),
]


@pytest.mark.parametrize(("printed", "pieces"), SPLIT_CASES)
def test_split_dates(printed: str, pieces: list[str]) -> None:
    assert split_dates(printed) == pieces


YEAR_CASES = [
    ("（2020年度）", 2020),
    ("(2019年 )", 2019),
    ("(2019年)", 2019),
    ("(2022 年度)", 2022),
    ("2020年", 2020),
    ("2020年绩效目标", 2020),
    ("(2020)", 2020),
]


@pytest.mark.parametrize(("printed", "year"), YEAR_CASES)
def test_parse_year(printed: str, year: int) -> None:
    assert parse_year(printed) == year


@pytest.mark.parametrize("printed", ["", "年度", "(12333)", "1800年", "第141次", "2020-01-01"])
def test_parse_year_rejects(printed: str) -> None:
    assert parse_year(printed) is None


@pytest.mark.parametrize(("printed", "dates"), [
    ("2024年1月至12月", ["2024年1月", "2024年12月"]), ("2024年1月-12月", ["2024年1月", "2024年12月"]),
    ("2024年1-12月", ["2024年1月", "2024年12月"]), ("2024年1月1日至12月31日", ["2024年1月1日", "2024年12月31日"]),
    ("2024-2026年", ["2024年1月", "2026年12月"]), ("2024年-2026年", ["2024年1月", "2026年12月"]),
    ("2023年1月-2025年12月", ["2023年1月", "2025年12月"]),  # each end its own year: as printed
])
def test_a_period_printed_short_gives_both_its_dates(printed: str, dates: list[str]) -> None:
    assert split_dates(printed) == dates


@pytest.mark.parametrize(("printed", "read"), [
    ("二〇二一年三月十五日", date(2021, 3, 15)), ("二0二一年三月十五日", date(2021, 3, 15)),
    ("二〇二一年十二月三十一日", date(2021, 12, 31)), ("二〇二〇年十月二十日", date(2020, 10, 20)), ("二〇二〇年十月", date(2020, 10, 1)),
    ("二〇二一年二月三十日", None), ("二〇二一年十三月一日", None),
])
def test_a_date_written_in_chinese_numerals(printed: str, read: date | None) -> None:
    assert parse_date(printed) == read
