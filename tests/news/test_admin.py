"""Editors can write a post in the admin; a hero image without alt text is refused."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield
from wagtail_factories import ImageFactory

from news.models import NewsPage
from tests.news.factories import NewsCategoryFactory

pytestmark = pytest.mark.clock  # a new post is dated today

# admin_client: pytest-django's client logged in as a superuser.


def _post_data(**overrides):
    data = {
        "title": "Members ratify a new contract",
        "slug": "members-ratify",
        "date": "2022-04-13",
        "dek": "A three-year agreement",
        "summary": "The members voted yes.",
        "body": streamfield([("paragraph", rich_text("<p>The vote was held on Wednesday.</p>"))]),
        "tags": "Contracts, Local 212",
        "related_posts": inline_formset([]),
        "action-publish": "publish",
    }
    data.update(overrides)
    return nested_form_data(data)


def test_editor_publishes_a_post_with_category_and_tags(admin_client, news_index):
    category = NewsCategoryFactory(name="Press release", slug="press-release")
    url = reverse("wagtailadmin_pages:add", args=("news", "newspage", news_index.pk))
    assert admin_client.get(url).status_code == 200
    response = admin_client.post(url, _post_data(category=category.pk))
    assert response.status_code == 302, response.content.decode()[:2000]
    post = NewsPage.objects.get(slug="members-ratify")
    assert post.live and post.category == category
    assert sorted(tag.name for tag in post.tags.all()) == ["Contracts", "Local 212"]
    assert admin_client.get(reverse("wagtailadmin_pages:edit", args=(post.pk,))).status_code == 200


def test_hero_image_needs_alt_text(admin_client, news_index, media):
    image = ImageFactory(title="Rally")
    url = reverse("wagtailadmin_pages:add", args=("news", "newspage", news_index.pk))
    response = admin_client.post(url, _post_data(hero_image=image.pk))
    assert response.status_code == 200
    assert "Describe the image for people who cannot see it." in response.content.decode()
    assert not NewsPage.objects.exists()

    response = admin_client.post(url, _post_data(hero_image=image.pk, hero_image_alt="A rally"))
    assert response.status_code == 302
    assert NewsPage.objects.get().hero_alt_text == "A rally"
