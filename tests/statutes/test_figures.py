from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from csto_registry.statutes.figures import Qualifier, Quantity, UnitMismatch, figure_total, lower_bound

Q = Qualifier


def q(value: int, qualifier: Qualifier = Q.EXACT, unit: str = "t") -> Quantity:
    return Quantity(Decimal(value), qualifier, unit)


def test_exact_figures_add_up_exactly() -> None:
    assert figure_total([q(6000), q(351)]) == q(6351)


def test_a_sum_with_a_strict_lower_bound_is_a_strict_lower_bound() -> None:
    # "more than 428 tons" plus a member state's exact 2 tons
    assert figure_total([q(428, Q.MORE_THAN), q(2)]) == q(430, Q.MORE_THAN)


def test_at_least_with_exact_is_at_least() -> None:
    assert figure_total([q(10, Q.AT_LEAST), q(5)]) == q(15, Q.AT_LEAST)


def test_an_approximate_part_makes_the_sum_approximate() -> None:
    assert figure_total([q(90, Q.ABOUT), q(1, Q.MORE_THAN)]).qualifier is Q.ABOUT  # type: ignore[union-attr]


def test_units_must_agree() -> None:
    with pytest.raises(UnitMismatch, match="different units: people, t"):
        figure_total([q(1), q(1, unit="people")])


def test_no_figures_no_total() -> None:
    assert figure_total([]) is None


quantities = st.builds(
    Quantity,
    st.integers(0, 10**9).map(Decimal),
    st.sampled_from(list(Qualifier)),
    st.just("t"),
)


@given(st.lists(quantities, min_size=1, max_size=8))
def test_total_is_the_arithmetic_sum(items: list[Quantity]) -> None:
    total = figure_total(items)
    assert total is not None
    assert total.value == sum(i.value for i in items)


@given(st.lists(quantities, min_size=1, max_size=8))
def test_total_is_exact_only_if_every_part_is(items: list[Quantity]) -> None:
    total = figure_total(items)
    assert total is not None
    assert (total.qualifier is Q.EXACT) == all(i.qualifier is Q.EXACT for i in items)


@given(st.lists(quantities, min_size=1, max_size=8))
def test_a_lower_bound_part_never_yields_an_exact_total(items: list[Quantity]) -> None:
    total = figure_total(items)
    assert total is not None
    if any(i.qualifier in (Q.AT_LEAST, Q.MORE_THAN) for i in items):
        assert total.qualifier is not Q.EXACT
    if total.qualifier is not Q.ABOUT:
        assert lower_bound(total) == total.value


def test_figure_text_keeps_the_sources_words() -> None:
    from csto_registry.statutes.figures import figure_text

    assert figure_text({"value": 428, "qualifier": "more-than", "unit": "t"}) == "more than 428 t"
    assert figure_text({"value": 6351, "qualifier": "exact", "unit": "groups"}) == "6,351 groups"
    assert figure_text(None) == ""
