"""Office holders resolved by date."""

from __future__ import annotations

import pytest

from wirewatch.kb import load_kb


@pytest.mark.parametrize(
    ("office", "when", "holder"),
    [
        ("us_secretary_of_state", "2020", "mike_pompeo"),
        ("us_secretary_of_state", "2020-01-03", "mike_pompeo"),
        ("us_secretary_of_state", "2024", "antony_blinken"),
        ("us_secretary_of_state", "2013-03-24", "john_kerry"),
        ("us_secretary_of_state", "2021", "antony_blinken"),  # most days of the year
        ("us_president", "2020-01", "donald_trump"),
        ("us_president", "2024-01-28", "joe_biden"),
        ("iraq_prime_minister", "2020-01-05", "adil_abdul_mahdi"),
        ("iraq_prime_minister", "2024-01-05", "mohammed_shia_al_sudani"),
        ("quds_force_commander", "2019", "qasem_soleimani"),
        ("quds_force_commander", "2020-06", "esmail_qaani"),
        ("iran_foreign_minister", "2023", "hossein_amir_abdollahian"),
    ],
)
def test_holder_by_date(office: str, when: str, holder: str) -> None:
    entry = load_kb().holder(office, when)
    assert entry is not None and entry.id == holder


def test_holder_without_date_is_the_current_one() -> None:
    entry = load_kb().holder("iran_supreme_leader")
    assert entry is not None and entry.id == "ali_khamenei"


def test_holder_before_any_tenure_is_none() -> None:
    assert load_kb().holder("pentagon_press_secretary", "1990") is None


def test_unknown_office_is_none() -> None:
    assert load_kb().holder("no_such_office", "2020") is None


def test_every_holder_is_a_person() -> None:
    kb = load_kb()
    types = {kb.entries[t.holder].type for o in kb.offices.values() for t in o.holders}
    assert types == {"PERSON"}


def test_offices_held_lists_tenures() -> None:
    held = [o.id for o, _ in load_kb().offices_held("abu_mahdi_al_muhandis")]
    assert "pmf_deputy_chairman" in held
