import datetime as dt

import pytest

from contracts.models import ContractPage, ContractStatus

# A Page instance looks up its content type when built (cached only if an earlier test did).
pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 30)


def words(**fields):
    return ContractPage(title="c", **fields).dates_in_words(TODAY)


def test_a_contract_in_force_counts_the_days_to_its_expiry():
    assert words(status=ContractStatus.IN_FORCE, expiry_date=dt.date(2027, 1, 12)) == (
        "expires in 43 days"
    )
    assert words(status=ContractStatus.IN_FORCE, expiry_date=TODAY) == "expires today"


def test_an_expired_contract_in_bargaining_says_so():
    assert words(status=ContractStatus.BARGAINING, expiry_date=dt.date(2026, 9, 30)) == (
        "expired, bargaining under way"
    )
    assert words(status=ContractStatus.BARGAINING, expiry_date=dt.date(2026, 12, 2)) == (
        "bargaining under way, the contract expires in 2 days"
    )


def test_a_tentative_agreement_gives_its_vote_date():
    text = words(status=ContractStatus.TENTATIVE, ratification_vote_date=dt.date(2026, 12, 9))
    assert text.startswith("tentative agreement, ratification vote in 9 days")
    held = words(status=ContractStatus.TENTATIVE, ratification_vote_date=dt.date(2026, 11, 1))
    assert "vote held" in held


def test_history_and_future_contracts():
    assert words(status=ContractStatus.IN_FORCE, expiry_date=dt.date(2026, 11, 29)) == (
        "expired yesterday"
    )
    future = words(
        status=ContractStatus.RATIFIED,
        effective_date=dt.date(2026, 12, 31),
        expiry_date=dt.date(2029, 12, 31),
    )
    assert future == "ratified, takes effect in 31 days"
