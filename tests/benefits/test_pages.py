"""Where benefit pages may sit, and the editors' checks on offer and promo windows."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from benefits.models import BenefitCategory, BenefitIndexPage, BenefitPage, Promo
from opeiu_site.home.models import HomePage, StandardPage
from tests.benefits.factories import BenefitIndexPageFactory

T = dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.UTC)


@pytest.mark.django_db
class TestWhereBenefitPagesSit(WagtailPageTestCase):
    def test_index_under_a_section_root_only(self):
        self.assertCanCreateAt(HomePage, BenefitIndexPage)
        self.assertCanNotCreateAt(StandardPage, BenefitIndexPage)
        self.assertCanNotCreateAt(Page, BenefitIndexPage)
        self.assertAllowedSubpageTypes(BenefitIndexPage, {BenefitPage})

    def test_offer_under_an_index_only(self):
        self.assertAllowedParentPageTypes(BenefitPage, {BenefitIndexPage})
        self.assertAllowedSubpageTypes(BenefitPage, set())


def test_editor_creates_an_offer_and_a_bad_window_is_refused(admin_client, home):
    index = BenefitIndexPageFactory(parent=home)
    url = f"/admin/pages/add/benefits/benefitpage/{index.pk}/"
    data = nested_form_data(
        {
            "title": "Legal plan",
            "slug": "legal-plan",
            "provider": "MetLife",
            "summary": "Lawyers for less.",
            "opens_at": "2026-05-02 00:00",
            "closes_at": "2026-05-01 00:00",
            "documents": inline_formset([]),
            "body": streamfield([]),
            "action-publish": "publish",
        }
    )
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "This must be later than the start of the window." in response.content.decode()
    assert not BenefitPage.objects.exists()

    data["closes_at"] = "2026-06-01 00:00"
    response = admin_client.post(url, data)
    assert response.status_code == 302
    assert BenefitPage.objects.get().live


def test_promo_window_must_end_after_it_starts(db):
    promo = Promo(title="Vote", starts_at=T, ends_at=T - dt.timedelta(hours=1))
    with pytest.raises(ValidationError) as error:
        promo.full_clean()
    assert "ends_at" in error.value.message_dict


def test_snippets_are_listed_in_the_admin(admin_client, home):
    assert admin_client.get("/admin/snippets/benefits/promo/").status_code == 200
    assert admin_client.get("/admin/snippets/benefits/benefitcategory/").status_code == 200


def test_categories_are_ordered_by_name_and_get_a_slug_from_it(db):
    # The category snippet shared with news (core.models.AbstractCategory).
    BenefitCategory.objects.create(name="Travel", slug="travel")
    phone = BenefitCategory.objects.create(name="Phone and internet")
    assert phone.slug == "phone-and-internet"
    assert [str(category) for category in BenefitCategory.objects.all()] == [
        "Phone and internet",
        "Travel",
    ]


def test_admin_edit_view_of_an_offer_loads(admin_client, home):
    from tests.benefits.factories import BenefitPageFactory

    offer = BenefitPageFactory(parent=BenefitIndexPageFactory(parent=home))
    assert admin_client.get(f"/admin/pages/{offer.pk}/edit/").status_code == 200
