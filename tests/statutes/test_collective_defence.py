import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from csto_registry.statutes.collective_defence import article4_assess
from csto_registry.timeline import Certainty

C, P, N = Certainty.CERTAIN, Certainty.POSSIBLE, Certainty.NO
JANUARY_2022 = dt.date(2022, 1, 6)
# Members in good standing in January 2022 (Uzbekistan had suspended its membership in 2012).
STANDING_2022 = {"ARM": C, "BLR": C, "KAZ": C, "KGZ": C, "RUS": C, "TJK": C, "UZB": N}


def test_aggression_against_kazakhstan_in_january_2022_obliges_the_five_others() -> None:
    result = article4_assess(victim="KAZ", day=JANUARY_2022, standing=STANDING_2022)
    assert result.applies
    assert result.obligated == ("ARM", "BLR", "KGZ", "RUS", "TJK")
    assert any("Article 4" in text for text in result.basis)
    assert any("Article 51" in text for text in result.basis)
    assert result.procedure


def test_suspended_member_is_not_protected() -> None:
    result = article4_assess(victim="UZB", day=JANUARY_2022, standing=STANDING_2022)
    assert not result.applies
    assert result.obligated == ()
    assert result.reasons == ("UZB is not a member state in good standing on 2022-01-06",)


def test_only_possible_membership_does_not_make_it_apply() -> None:
    result = article4_assess(victim="UZB", day=dt.date(2006, 7, 15), standing={"UZB": P, "RUS": C})
    assert not result.applies
    assert "only possibly" in result.reasons[0]


def test_member_aggressor_is_not_obligated() -> None:
    result = article4_assess(victim="ARM", day=JANUARY_2022, standing=STANDING_2022, aggressor="KGZ")
    assert "KGZ" not in result.obligated
    assert any("aggressor KGZ" in reason for reason in result.reasons)


def test_possibly_standing_members_are_listed_apart() -> None:
    result = article4_assess(victim="RUS", day=JANUARY_2022, standing={"RUS": C, "ARM": C, "UZB": P})
    assert result.obligated == ("ARM",)
    assert result.possibly_obligated == ("UZB",)


states = st.sampled_from(["ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK", "UZB", "AZE", "GEO"])


@given(st.dictionaries(states, st.sampled_from(list(Certainty))), states, st.none() | states)
def test_obligated_states_are_members_in_good_standing_other_than_victim_and_aggressor(
    standing: dict[str, Certainty], victim: str, aggressor: str | None
) -> None:
    result = article4_assess(victim=victim, day=JANUARY_2022, standing=standing, aggressor=aggressor)
    assert all(standing[s] is C for s in result.obligated)
    assert victim not in result.obligated
    assert aggressor not in result.obligated
    assert result.applies == (standing.get(victim) is C)
    assert result.applies or result.reasons


@pytest.mark.parametrize("victim", ["AZE", "GEO"])
def test_states_that_left_in_1999_are_not_protected_in_2022(victim: str) -> None:
    assert not article4_assess(victim=victim, day=JANUARY_2022, standing=STANDING_2022).applies
