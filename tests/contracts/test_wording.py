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
    # Further off, a plainer unit than a count of days.
    assert words(status=ContractStatus.IN_FORCE, expiry_date=dt.date(2027, 6, 30)) == (
        "expires in 7 months"
    )
    assert words(status=ContractStatus.IN_FORCE) == ""  # the badge says it all


def test_an_ended_contract_says_when_in_plain_words_and_not_that_it_expired():
    # Beside the "Expired" badge: not "expired 1157 days ago".
    ended = TODAY - dt.timedelta(days=1157)
    assert words(status=ContractStatus.IN_FORCE, expiry_date=ended) == "ended 3 years ago"
    assert words(status=ContractStatus.IN_FORCE, expiry_date=dt.date(2026, 11, 29)) == (
        "ended yesterday"
    )
    assert words(status=ContractStatus.IN_FORCE, expiry_date=dt.date(2026, 10, 20)) == (
        "ended 5 weeks ago"
    )


def test_a_contract_in_bargaining_leaves_bargaining_to_the_badge():
    assert words(status=ContractStatus.BARGAINING, expiry_date=dt.date(2026, 9, 30)) == (
        "the contract ended 2 months ago"
    )
    assert words(status=ContractStatus.BARGAINING, expiry_date=dt.date(2026, 12, 2)) == (
        "the contract expires in 2 days"
    )


def test_a_tentative_agreement_gives_its_vote_date():
    text = words(status=ContractStatus.TENTATIVE, ratification_vote_date=dt.date(2026, 12, 9))
    assert text == "ratification vote in 9 days (Dec 9, 2026)"
    held = words(status=ContractStatus.TENTATIVE, ratification_vote_date=dt.date(2026, 11, 1))
    assert held == "ratification vote held Nov 1, 2026"


def test_future_contracts():
    future = words(
        status=ContractStatus.RATIFIED,
        effective_date=dt.date(2026, 12, 31),
        expiry_date=dt.date(2029, 12, 31),
    )
    assert future == "takes effect in 31 days"
