"""What a local's editor *does* get in the admin's choosers, reports, APIs and autocompletes:
their own local's pages and files, and the pages anyone may visit (under their live titles);
nothing else. The matrix (test_admin_matrix.py) proves the "nothing else" for every URL; these
tests prove the choosers still offer what editors need."""

import pytest
import wagtail_factories
from django.urls import reverse
from wagtail.models import Collection, GroupCollectionPermission, PageViewRestriction

from opeiu_site.home.models import StandardPage
from tests.benefits.factories import PromoFactory
from tests.events.factories import VenueFactory
from tests.news.factories import NewsIndexPageFactory, NewsPageFactory

from .helpers import login_as_local_editor


@pytest.fixture
def files(tree, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path

    def make(local, name):
        collection = local.access.collection
        image = wagtail_factories.ImageFactory(title=f"{name} photo", collection=collection)
        document = wagtail_factories.DocumentFactory(title=f"{name} bylaws", collection=collection)
        image.tags.add(f"{name}-image-tag")
        document.tags.add(f"{name}-document-tag")
        return image, document

    return {"own": make(tree.local12, "local12"), "other": make(tree.local212, "local212")}


def _titles(response):
    return {item["title"] for item in response.json()["items"]}


@pytest.mark.parametrize("endpoint", ["images", "documents"])
def test_admin_api_lists_only_own_collection(client, tree, files, endpoint):
    login_as_local_editor(client, 12)
    index = 0 if endpoint == "images" else 1
    listing = client.get(f"/admin/api/main/{endpoint}/")
    assert listing.status_code == 200
    assert _titles(listing) == {files["own"][index].title}
    other = files["other"][index]
    assert client.get(f"/admin/api/main/{endpoint}/{other.pk}/").status_code == 404
    own = files["own"][index]
    assert client.get(f"/admin/api/main/{endpoint}/{own.pk}/").status_code == 200


def test_files_the_international_shares_are_offered_to_locals(client, tree, files):
    """Sharing is explicit: "choose" on a collection for the local's group."""
    shared = Collection.get_first_root_node().add_child(name="Shared logos")
    logo = wagtail_factories.ImageFactory(title="OPEIU logo", collection=shared)
    login_as_local_editor(client, 12)
    assert logo.title not in _titles(client.get("/admin/api/main/images/"))
    GroupCollectionPermission.objects.create(
        group=tree.local12.access.editors,
        collection=shared,
        permission=_permission("wagtailimages", "choose_image"),
    )
    assert logo.title in _titles(client.get("/admin/api/main/images/"))


def _permission(app_label, codename):
    from django.contrib.auth.models import Permission

    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _chooser_html(response):
    return response.json()["html"]


def test_page_chooser_offers_own_drafts_and_public_pages_under_live_titles(client, tree):
    own_draft = tree.local12.add_child(
        instance=StandardPage(title="Local 12 draft agenda", slug="agenda", live=False)
    )
    other_draft = tree.local212.add_child(
        instance=StandardPage(title="Local 212 draft strike plan", slug="plan", live=False)
    )
    tree.local212_page.title = "Local 212 pending headline"
    tree.local212_page.save_revision()  # a draft title on a live, public page
    private = tree.local212.add_child(instance=StandardPage(title="Local 212 members", slug="m"))
    PageViewRestriction.objects.create(page=private, restriction_type="login")

    login_as_local_editor(client, 12)
    own = _chooser_html(
        client.get(reverse("wagtailadmin_choose_page_child", args=[tree.local12.pk]))
    )
    assert own_draft.title in own
    other = _chooser_html(
        client.get(reverse("wagtailadmin_choose_page_child", args=[tree.local212.pk]))
    )
    assert "local212 news" in other  # live and public: may be linked, under its live title
    assert "pending headline" not in other
    assert other_draft.title not in other and "Local 212 members" not in other
    assert (
        client.get(reverse("wagtailadmin_choose_page_child", args=[other_draft.pk])).status_code
        == 404
    )

    root = _chooser_html(client.get(reverse("wagtailadmin_choose_page")))
    assert tree.home.title in root  # the way down to one's own local

    search = client.get(reverse("wagtailadmin_choose_page_search"), {"q": "local212"})
    assert "local212 news" in search.content.decode()
    search = client.get(reverse("wagtailadmin_choose_page_search"), {"q": "draft"})
    html = search.content.decode()
    assert own_draft.title in html and other_draft.title not in html


def test_site_history_and_page_types_usage_show_only_own_local(client, tree):
    tree.home.title = "International pending rename"
    tree.home.save_revision(log_action=True)
    tree.local12_page.save_revision(log_action=True)
    login_as_local_editor(client, 12)
    history = client.get(reverse("wagtailadmin_reports:site_history")).content.decode()
    assert "local12 news" in history
    assert "International pending rename" not in history and "local212 news" not in history

    usage = client.get(reverse("wagtailadmin_reports:page_types_usage")).content.decode()
    assert "local12 news" in usage
    assert "local212 news" not in usage and "international news" not in usage


def test_tag_autocomplete_offers_tags_of_own_and_public_content(client, tree, files):
    news_index = NewsIndexPageFactory(parent=tree.local212, slug="news")
    public_post = NewsPageFactory(parent=news_index, title="Contract ratified", slug="ratified")
    public_post.tags.add("ratification")
    public_post.save_revision().publish()
    draft_post = NewsPageFactory(parent=news_index, title="Strike plan", slug="s", live=False)
    draft_post.tags.add("ratification-strike")
    draft_post.save()

    login_as_local_editor(client, 12)
    url = reverse("wagtailadmin_tag_autocomplete")
    assert client.get(url, {"term": "local"}).json() == [
        "local12-document-tag",
        "local12-image-tag",
    ]
    assert client.get(url, {"term": "ratif"}).json() == ["ratification"]


@pytest.mark.clock
def test_workflow_task_chooser_and_private_snippet_choosers_are_refused(client, tree):
    PromoFactory(title="Voter drive")
    VenueFactory(name="Union hall Saint Paul")
    login_as_local_editor(client, 12)
    assert client.get(reverse("wagtailadmin_workflows:task_chooser")).status_code == 403
    promos = reverse("wagtailsnippetchoosers_benefits_promo:choose")
    assert client.get(promos).status_code == 403
    venues = client.get(reverse("wagtailsnippetchoosers_events_venue:choose"))
    assert venues.status_code == 200 and "Union hall Saint Paul" in venues.content.decode()


def test_superuser_still_sees_everything(admin_client, tree, files):
    listing = admin_client.get("/admin/api/main/images/")
    assert _titles(listing) == {"local12 photo", "local212 photo"}
    assert admin_client.get(reverse("wagtailadmin_workflows:task_chooser")).status_code == 200
    tags = admin_client.get(reverse("wagtailadmin_tag_autocomplete"), {"term": "local"}).json()
    assert len(tags) == 4


def test_page_search_lists_own_local_only(client, tree):
    tree.home.title = "International pending rename"
    tree.home.save_revision()
    login_as_local_editor(client, 12)
    html = client.get(reverse("wagtailadmin_pages:search"), {"q": "news"}).content.decode()
    assert "local12 news" in html
    assert "local212 news" not in html and "international news" not in html
    listing = client.get(reverse("wagtailadmin_pages:search")).content.decode()
    assert "local12 news" in listing and "International pending rename" not in listing
