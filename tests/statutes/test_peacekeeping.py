import pytest

from csto_registry.statutes.peacekeeping import Authorization, peacekeeping_authorization


def test_inside_the_area_of_responsibility_a_council_decision_suffices() -> None:
    ruling = peacekeeping_authorization(inside_area=True, council_decision=True)
    assert ruling.lawful
    assert ruling.needs == (Authorization.COUNCIL_DECISION,)


def test_inside_the_area_without_a_council_decision_is_not_lawful() -> None:
    ruling = peacekeeping_authorization(inside_area=True)
    assert ruling.missing == (Authorization.COUNCIL_DECISION,)


@pytest.mark.parametrize("council_decision", [True, False])
def test_beyond_the_area_only_under_a_un_security_council_mandate(council_decision: bool) -> None:
    ruling = peacekeeping_authorization(inside_area=False, council_decision=council_decision)
    assert not ruling.lawful
    assert ruling.missing == (Authorization.UN_SECURITY_COUNCIL_MANDATE,)
    assert peacekeeping_authorization(inside_area=False, un_mandate=True).lawful
