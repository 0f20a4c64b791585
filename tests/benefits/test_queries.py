"""Offers and promos end by themselves: the queries compare their windows with `now`.

A frozen clock is passed in; no time is patched."""

import datetime as dt

import pytest
from wagtail.models import Page

from benefits.models import Promo
from benefits.templatetags.benefits_tags import open_offers
from tests.benefits.factories import BenefitIndexPageFactory, BenefitPageFactory, PromoFactory
from tests.factories import HomePageFactory

T = dt.datetime(2026, 11, 23, 17, 0, tzinfo=dt.UTC)


@pytest.fixture
def index(home):
    return BenefitIndexPageFactory(parent=home)


def titles(offers):
    return [offer.title for offer in offers]


def test_an_offer_leaves_the_open_list_at_its_closing_moment(home, index):
    BenefitPageFactory(parent=index, title="Legal plan", closes_at=T)
    assert titles(open_offers(home, now=T - dt.timedelta(seconds=1))) == ["Legal plan"]
    assert titles(open_offers(home, now=T)) == []
    assert titles(open_offers(home, now=T + dt.timedelta(days=400))) == []


def test_an_offer_joins_the_list_when_it_opens(home, index):
    BenefitPageFactory(parent=index, title="Spring sale", opens_at=T)
    assert open_offers(home, now=T - dt.timedelta(minutes=1)) == []
    assert titles(open_offers(home, now=T)) == ["Spring sale"]


def test_ends_soon_within_fourteen_days_of_closing(home, index):
    BenefitPageFactory(parent=index, title="Phone deal", closes_at=T)
    [offer] = open_offers(home, now=T - dt.timedelta(days=15))
    assert offer.state == "open"
    [offer] = open_offers(home, now=T - dt.timedelta(days=13))
    assert offer.state == "ends-soon"


def test_open_offers_closing_soonest_first_limited(home, index):
    BenefitPageFactory(parent=index, title="No end")
    BenefitPageFactory(parent=index, title="Ends later", closes_at=T + dt.timedelta(days=30))
    BenefitPageFactory(parent=index, title="Ends first", closes_at=T + dt.timedelta(days=3))
    BenefitPageFactory(parent=index, title="Gone", closes_at=T - dt.timedelta(days=3))
    assert titles(open_offers(home, limit=3, now=T)) == ["Ends first", "Ends later", "No end"]
    assert titles(open_offers(home, limit=1, now=T)) == ["Ends first"]


def test_open_offers_belong_to_the_section_passed_in(home, index):
    BenefitPageFactory(parent=index, title="International offer")
    other = HomePageFactory(parent=Page.get_first_root_node(), slug="other", title="Other")
    other_index = BenefitIndexPageFactory(parent=other)
    BenefitPageFactory(parent=other_index, title="Other section's offer")
    assert titles(open_offers(home, now=T)) == ["International offer"]
    assert titles(open_offers(other, now=T)) == ["Other section's offer"]


def test_unpublished_offers_are_not_listed(home, index):
    offer = BenefitPageFactory(parent=index, title="Draft")
    offer.unpublish()
    assert open_offers(home, now=T) == []


def active_promos(placement, now):
    return list(Promo.objects.active(placement, now=now))


def test_a_promo_shows_inside_its_schedule_only(db):
    PromoFactory(
        title="Election 2024",
        starts_at=dt.datetime(2024, 9, 1, tzinfo=dt.UTC),
        ends_at=dt.datetime(2024, 11, 6, 4, 59, tzinfo=dt.UTC),
    )
    on_election_day = dt.datetime(2024, 11, 5, 15, 0, tzinfo=dt.UTC)
    assert [p.title for p in active_promos("home", now=on_election_day)] == ["Election 2024"]
    assert active_promos("home", now=dt.datetime(2024, 8, 31, tzinfo=dt.UTC)) == []
    two_years_later = dt.datetime(2026, 11, 5, tzinfo=dt.UTC)
    assert active_promos("home", now=two_years_later) == []


def test_promos_by_placement_and_priority(db):
    PromoFactory(title="Low", priority=1, starts_at=T - dt.timedelta(days=1))
    PromoFactory(title="High", priority=9, starts_at=T - dt.timedelta(days=1))
    PromoFactory(title="Locals only", placement="locals", starts_at=T - dt.timedelta(days=1))
    PromoFactory(title="Not yet", starts_at=T + dt.timedelta(days=1))
    assert [p.title for p in active_promos("home", now=T)] == ["High", "Low"]
    assert [p.title for p in active_promos("locals", now=T)] == ["Locals only"]
