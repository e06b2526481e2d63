import datetime as dt

import pytest
from edtf import parse_edtf
from hypothesis import given
from hypothesis import strategies as st

from csto_registry.timeline import EARLIEST, LATEST, Span, TimelineError, edtf_span, parse_day

D = dt.date


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("2001", D(2001, 1, 1), D(2001, 12, 31)),  # "In 2001, the CRDF CAR ... were formed"
        ("2015-09", D(2015, 9, 1), D(2015, 9, 30)),  # "since September 2015"
        ("2006-22", D(2006, 6, 1), D(2006, 8, 31)),  # "in the summer of 2006"
        ("2022-04-01", D(2022, 4, 1), D(2022, 4, 1)),  # "as of 01.04.2022"
        ("2016-10/..", D(2016, 10, 1), LATEST),  # decided in October 2016, established some time after
        ("../2005", EARLIEST, D(2005, 12, 31)),
        ("2006~", D(2005, 1, 1), D(2007, 12, 31)),  # approximate: widened to what it may mean
    ],
)
def test_edtf_date_spans_the_days_it_may_name(text: str, first: dt.date, last: dt.date) -> None:
    assert edtf_span(text) == Span(first, last)


@pytest.mark.parametrize("text", ["", "2022-13", "soon", "2022-02-30", "1.4.2022"])
def test_malformed_date_is_refused(text: str) -> None:
    with pytest.raises(TimelineError):
        edtf_span(text)


def test_day_must_be_written_in_full() -> None:
    assert parse_day("1999-04-20") == D(1999, 4, 20)
    with pytest.raises(TimelineError, match="not a day"):
        parse_day("1999-04")


@given(st.dates(min_value=D(1000, 1, 1), max_value=D(9999, 12, 31)), st.sampled_from(["year", "month"]))
def test_plain_years_and_months_span_as_the_edtf_library_says(day: dt.date, form: str) -> None:
    text = f"{day.year}" if form == "year" else f"{day.year}-{day.month:02d}"
    parsed = parse_edtf(text)
    assert edtf_span(text) == Span(
        D(*parsed.lower_strict()[:3]),
        D(*parsed.upper_strict()[:3]),
    )
