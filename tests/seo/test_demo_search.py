"""On the demo site, /search/?q=Red+Cross finds both the Red Cross petition and the news post
about it (issue 7's "done means")."""

import re

from actions.models import ActionPage
from news.models import NewsPage


def test_red_cross_finds_the_petition_and_the_news_post(client, db):
    from django.core.management import call_command

    call_command("load_demo")
    petition = ActionPage.objects.live().get(slug="red-cross-petition")
    post = NewsPage.objects.live().filter(title__icontains="Red Cross").get()

    response = client.get("/search/", {"q": "Red Cross"})
    assert response.status_code == 200
    html = response.content.decode()
    results = re.findall(
        r'<h3 class="search-result__title"><a href="([^"]+)">([^<]+)</a></h3>', html
    )
    urls = [url for url, _ in results]
    assert petition.url in urls
    assert post.url in urls
    assert petition.url != post.url
