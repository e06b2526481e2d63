import pytest
from hypothesis import given
from hypothesis import strategies as st

from csto_registry.statutes.alphabet import russian_key
from csto_registry.statutes.chairmanship import chair_for_year, next_in_rotation

NAMES_RU = {
    "ARM": "Армения",
    "BLR": "Беларусь",
    "KAZ": "Казахстан",
    "KGZ": "Кыргызстан",
    "RUS": "Россия",
    "TJK": "Таджикистан",
    "UZB": "Узбекистан",
}
SIX = ("ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK")
ELIGIBLE = {year: SIX for year in range(2003, 2031)}


def test_russian_order_of_the_six_members() -> None:
    assert sorted(SIX, key=lambda c: russian_key(NAMES_RU[c])) == list(SIX)


def test_yo_sorts_after_ye() -> None:
    assert russian_key("ёж") > russian_key("ехать")
    assert russian_key("ёж") < russian_key("жук")


@pytest.mark.parametrize(
    ("year", "state"),
    [(2017, "BLR"), (2018, "KAZ"), (2019, "KGZ"), (2020, "RUS"), (2021, "TJK"), (2022, "ARM"), (2026, "RUS")],
)
def test_rotation_from_armenia_in_2016_follows_the_russian_alphabet(year: int, state: str) -> None:
    chair = chair_for_year(year, recorded={2016: "ARM"}, eligible=ELIGIBLE, names_ru=NAMES_RU)
    assert (chair.state, chair.basis, chair.anchor) == (state, "rotation", 2016)


def test_recorded_chair_wins_over_the_rotation() -> None:
    chair = chair_for_year(2020, recorded={2016: "ARM", 2020: "TJK"}, eligible=ELIGIBLE, names_ru=NAMES_RU)
    assert (chair.state, chair.basis) == ("TJK", "recorded")


def test_projection_starts_from_the_last_recorded_year() -> None:
    chair = chair_for_year(2021, recorded={2016: "ARM", 2020: "TJK"}, eligible=ELIGIBLE, names_ru=NAMES_RU)
    assert (chair.state, chair.anchor) == ("ARM", 2020)


def test_projection_backwards_from_the_first_record() -> None:
    chair = chair_for_year(2014, recorded={2016: "ARM"}, eligible=ELIGIBLE, names_ru=NAMES_RU)
    assert chair.state == "RUS"  # 2015 TJK, 2014 RUS (the rotation run backwards)


def test_a_state_not_in_good_standing_is_skipped() -> None:
    eligible = {**ELIGIBLE, 2020: ("ARM", "BLR", "KAZ", "KGZ", "TJK")}  # Russia out in 2020, hypothetically
    assert chair_for_year(2020, recorded={2019: "KGZ"}, eligible=eligible, names_ru=NAMES_RU).state == "TJK"


def test_no_record_no_projection() -> None:
    chair = chair_for_year(2020, recorded={}, eligible=ELIGIBLE, names_ru=NAMES_RU)
    assert (chair.state, chair.basis) == (None, "none")


def test_rotation_wraps_from_the_end_of_the_alphabet() -> None:
    assert next_in_rotation("TJK", SIX, NAMES_RU) == "ARM"


codes = st.sampled_from(sorted(NAMES_RU))


@given(
    st.dictionaries(st.integers(2000, 2030), st.lists(codes, min_size=1, unique=True), min_size=1),
    st.integers(2000, 2030),
    st.integers(2000, 2030),
    codes,
)
def test_rotation_never_names_a_state_not_in_good_standing(
    eligible: dict[int, list[str]], anchor: int, year: int, state: str
) -> None:
    chair = chair_for_year(year, recorded={anchor: state}, eligible=eligible, names_ru=NAMES_RU)
    if chair.basis == "rotation" and chair.state is not None:
        assert chair.state in eligible.get(year, ())


def test_projection_reads_only_the_years_it_passes_through() -> None:
    from csto_registry.statutes.chairmanship import projection_years

    assert list(projection_years(2019, {2016: "ARM"})) == [2017, 2018, 2019]
    assert list(projection_years(2014, {2016: "ARM"})) == [2014, 2015]
    assert list(projection_years(2016, {2016: "ARM"})) == []
    assert list(projection_years(2016, {})) == []
