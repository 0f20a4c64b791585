"""The contracts index (by employer, filters, search box, 404s), contract and employer pages,
and where the page types may be created."""

import datetime as dt

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from contracts.models import ContractIndexPage, ContractPage, DocumentLibraryPage, OfficersPage
from locals.models import LocalPage
from opeiu_site.home.models import HomePage
from opeiu_site.ops import page_cache

from .factories import ContractPageFactory, DocumentLibraryPageFactory, add_employer, publish

pytestmark = pytest.mark.django_db


def test_contract_types_sit_under_a_local_or_the_international():
    for model in (ContractIndexPage, DocumentLibraryPage, OfficersPage):
        assert model.can_create_at(LocalPage()) or model in LocalPage.allowed_subpage_models()
        assert model in HomePage.allowed_subpage_models()
    assert ContractPage.allowed_parent_page_models() != [] and all(
        parent.__name__ == "EmployerPage" for parent in ContractPage.allowed_parent_page_models()
    )


@pytest.mark.clock
def test_index_lists_contracts_by_employer_and_links_each(client, contracts_tree):
    other = add_employer(contracts_tree.index, "Northfield Lakes Credit Union")
    publish(ContractPageFactory(parent=other, title="Credit union contract"))
    response = client.get(contracts_tree.index.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("HealthPartners") < html.index("HealthPartners contract 2025–2028")
    assert html.index("Northfield Lakes") < html.index("Credit union contract")
    assert f'href="{contracts_tree.contract.url}"' in html


@pytest.mark.clock
def test_filters_by_status_and_expiry(client, contracts_tree):
    today = timezone.localdate()
    publish(
        ContractPageFactory(
            parent=contracts_tree.employer,
            title="Expiring soon",
            expiry_date=today + dt.timedelta(days=43),
        )
    )
    publish(
        ContractPageFactory(
            parent=contracts_tree.employer,
            title="Being bargained",
            status="bargaining",
            expiry_date=today - dt.timedelta(days=10),
        )
    )
    expiring = client.get(contracts_tree.index.url, {"expiring": "90"}).content.decode()
    assert "Expiring soon" in expiring and "expires in 43 days" in expiring
    assert "Being bargained" not in expiring and "2025–2028" not in expiring
    bargaining = client.get(contracts_tree.index.url, {"status": "bargaining"}).content.decode()
    assert "Being bargained" in bargaining and "the contract ended 10 days ago" in bargaining
    assert "Expiring soon" not in bargaining


@pytest.mark.parametrize(
    "query",
    [
        {"status": "on-strike"},
        {"expiring": "30"},
        {"page": "abc"},
        {"page": "99"},
        {"status": "\x00"},
    ],
)
@pytest.mark.clock
def test_bad_filters_are_not_found(client, contracts_tree, query):
    assert client.get(contracts_tree.index.url, query).status_code == 404


@pytest.mark.parametrize(
    "query",
    [{"kind": "memo"}, {"year": "1899"}, {"year": "2026.0"}, {"year": "+2026"}, {"page": "2"}],
)
@pytest.mark.clock
def test_bad_library_filters_are_not_found(client, contracts_tree, query):
    library = publish(DocumentLibraryPageFactory(parent=contracts_tree.tree.local12))
    assert client.get(library.url, {"kind": "minutes", "year": "2026"}).status_code == 200
    assert client.get(library.url, query).status_code == 404


@pytest.mark.clock
def test_only_live_public_contracts_are_listed(client, contracts_tree):
    draft = ContractPageFactory(parent=contracts_tree.employer, title="Draft deal", live=False)
    private = publish(ContractPageFactory(parent=contracts_tree.employer, title="Secret deal"))
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    html = client.get(contracts_tree.index.url).content.decode()
    assert "HealthPartners contract" in html
    assert draft.title not in html and "Secret deal" not in html


@pytest.mark.clock
def test_contract_page_shows_dates_news_and_history(client, contracts_tree):
    earlier = publish(
        ContractPageFactory(
            parent=contracts_tree.employer,
            title="HealthPartners contract 2022–2025",
            unit=contracts_tree.employer.units.first(),
            effective_date=dt.date(2022, 1, 1),
            expiry_date=dt.date(2025, 1, 1),
        )
    )
    response = client.get(contracts_tree.contract.url)
    html, tags = response.content.decode(), set(response[page_cache.TAGS_HEADER].split())
    assert "Effective" in html and "Jan 1, 2025" in html
    assert f'href="{earlier.url}"' in html and "Earlier contracts" in html
    assert contracts_tree.document.url in html
    assert {f"page-{contracts_tree.contract.pk}", "contracts-local-12"} <= tags


@pytest.mark.clock
def test_contract_page_links_the_employers_bargaining_news(client, contracts_tree):
    from news.models import NewsPage
    from tests.news.factories import NewsIndexPageFactory, NewsPageFactory

    news_index = publish(NewsIndexPageFactory(parent=contracts_tree.tree.local12))
    post = NewsPageFactory(parent=news_index, title="Strike School at Carpenters Hall")
    post.tags.add("HealthPartners")
    publish(post)
    unrelated = NewsPageFactory(parent=news_index, title="Holiday party")
    publish(unrelated)
    assert NewsPage.objects.live().count() == 2
    html = client.get(contracts_tree.contract.url).content.decode()
    assert "Strike School at Carpenters Hall" in html
    assert "Holiday party" not in html


@pytest.mark.clock
def test_local_page_links_contracts_and_steward_finder(client, contracts_tree):
    html = client.get(contracts_tree.tree.local12.url).content.decode()
    assert f'href="{contracts_tree.index.url}"' in html
    assert f'href="{contracts_tree.index.url}stewards/"' in html


@pytest.mark.clock
def test_local_page_shows_officers_and_declares_its_tags(client, contracts_tree):
    from contracts.models import Officer

    from .factories import OfficersPageFactory

    page = OfficersPageFactory(parent=contracts_tree.tree.local12)
    page.people = [
        Officer(role="President", name="Renee Demo", term="2024–2027", phone="555-0100"),
        Officer(
            kind="staff", role="Organizer", name="Kari Demo", email="k@example.org", show_email=True
        ),
    ]
    page.save()
    publish(page)
    response = client.get(contracts_tree.tree.local12.url)
    html, tags = response.content.decode(), set(response[page_cache.TAGS_HEADER].split())
    assert "Renee Demo" in html and "President" in html and "2024–2027" in html
    assert "k@example.org" in html and "555-0100" not in html
    assert {"contracts-local-12", f"page-{page.pk}"} <= tags


@pytest.mark.clock
def test_contract_page_links_to_find_my_steward_for_its_employer(client, contracts_tree):
    html = client.get(contracts_tree.contract.url).content.decode()
    steward_url = f"{contracts_tree.index.url}stewards/?employer={contracts_tree.employer.slug}"
    assert f'href="{steward_url}"' in html
    finder = client.get(steward_url)
    assert finder.status_code == 200 and "Dana Public" in finder.content.decode()


@pytest.mark.clock
def test_in_force_without_a_recorded_ratification_is_flagged(client, contracts_tree):
    unrecorded = "No ratification vote is recorded here for this contract."
    assert unrecorded in client.get(contracts_tree.contract.url).content.decode()
    contract = contracts_tree.contract
    contract.ratification_vote_date = dt.date(2024, 12, 10)
    contract.ratification_result = "ratified"
    publish(contract)
    assert unrecorded not in client.get(contract.url).content.decode()
    tentative = ContractPageFactory(
        parent=contracts_tree.employer,
        status="tentative",
        ratification_vote_date=dt.date(2027, 1, 5),
    )
    assert not tentative.ratification_missing


@pytest.mark.clock
def test_saving_an_unratified_contract_in_force_warns_the_editor(admin_client, contracts_tree):
    from django.contrib.messages import get_messages
    from django.urls import reverse

    from contracts.wagtail_hooks import warn_if_ratification_missing

    request = admin_client.get(reverse("wagtailadmin_home")).wsgi_request
    warn_if_ratification_missing(request, contracts_tree.contract)
    texts = [str(message) for message in get_messages(request)]
    assert any("no ratification vote that ratified it is recorded" in text for text in texts)


@pytest.mark.clock
def test_a_card_does_not_say_the_status_twice(client, contracts_tree):
    ended = timezone.localdate() - dt.timedelta(days=1157)
    publish(
        ContractPageFactory(
            parent=contracts_tree.employer,
            title="Old contract",
            effective_date=ended - dt.timedelta(days=1000),
            expiry_date=ended,
        )
    )
    html = client.get(contracts_tree.index.url).content.decode()
    card = html[html.index("Old contract") - 400 : html.index("Old contract")]
    assert ">Expired</span>" in card and "ended 3 years ago" in card
    assert "expired 1157" not in html.lower()
