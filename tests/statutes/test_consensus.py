from hypothesis import given
from hypothesis import strategies as st

from csto_registry.statutes.consensus import Position, consensus_decide

SIX = frozenset({"ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"})
ALL_AGREE = {s: Position.AGREE for s in SIX}


def test_draft_with_every_member_agreeing_is_adopted() -> None:
    assert consensus_decide(members=SIX, positions=ALL_AGREE).adopted


def test_one_objection_blocks_adoption() -> None:
    outcome = consensus_decide(members=SIX, positions={**ALL_AGREE, "ARM": Position.OBJECT})
    assert not outcome.adopted
    assert outcome.object == ("ARM",)


def test_abstention_does_not_block_consensus() -> None:
    outcome = consensus_decide(members=SIX, positions={**ALL_AGREE, "ARM": Position.ABSTAIN})
    assert outcome.adopted
    assert outcome.abstain == ("ARM",)


def test_missing_position_leaves_the_decision_open() -> None:
    positions = dict(ALL_AGREE)
    del positions["TJK"]
    outcome = consensus_decide(members=SIX, positions=positions)
    assert not outcome.adopted
    assert outcome.awaiting == ("TJK",)


def test_suspended_member_is_not_counted_for_consensus() -> None:
    # Uzbekistan suspended its membership in 2012: its objection changes nothing.
    outcome = consensus_decide(members=SIX, positions={**ALL_AGREE, "UZB": Position.OBJECT})
    assert outcome.adopted
    assert outcome.ignored == ("UZB",)


positions = st.sampled_from(list(Position))


@given(st.dictionaries(st.sampled_from(sorted(SIX | {"UZB", "AZE"})), positions))
def test_adopted_only_if_no_member_objects_and_all_have_spoken(given_positions: dict[str, Position]) -> None:
    outcome = consensus_decide(members=SIX, positions=given_positions)
    counted = {s: p for s, p in given_positions.items() if s in SIX}
    expected = (
        len(counted) == len(SIX)
        and Position.OBJECT not in counted.values()
        and Position.ABSENT not in counted.values()
        and Position.AGREE in counted.values()
    )
    assert outcome.adopted == expected
