import datetime as dt

from csto_registry.statutes.secretary_general import secretary_general_next

NAMES_RU = {
    "ARM": "Армения",
    "BLR": "Беларусь",
    "KAZ": "Казахстан",
    "KGZ": "Кыргызстан",
    "RUS": "Россия",
    "TJK": "Таджикистан",
}
SIX = tuple(NAMES_RU)
D = dt.date


def test_after_zas_of_belarus_comes_kazakhstan_from_2023() -> None:
    result = secretary_general_next(
        last_state="BLR", last_start=D(2020, 1, 1), last_end=None, eligible=SIX, names_ru=NAMES_RU
    )
    assert (result.state, result.start, result.end) == ("KAZ", D(2023, 1, 1), D(2026, 1, 1))


def test_recorded_end_sets_the_next_start() -> None:
    result = secretary_general_next(
        last_state="KGZ", last_start=D(2026, 1, 1), last_end=D(2028, 6, 1), eligible=SIX, names_ru=NAMES_RU
    )
    assert (result.state, result.start, result.end) == ("RUS", D(2028, 6, 1), D(2031, 6, 1))


def test_rotation_skips_states_not_in_good_standing() -> None:
    result = secretary_general_next(
        last_state="KGZ", last_start=D(2026, 1, 1), last_end=None, eligible=("ARM", "TJK"), names_ru=NAMES_RU
    )
    assert result.state == "TJK"
