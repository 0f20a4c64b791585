"""The demo's Red Cross post links the petition page when the demo loads it first or later."""

from demo import home as home_demo
from demo import news as news_demo
from demo.helpers import DemoLog
from opeiu_site.home.models import HomePage
from tests.factories import StandardPageFactory


def test_red_cross_post_links_the_petition_page_when_it_exists(db, client, media):
    log = DemoLog(lambda message: None)
    home_demo.load(log)
    StandardPageFactory(parent=HomePage.objects.get(), slug="red-cross-petition", title="Petition")
    index = news_demo.load(log)
    post = index.get_children().get(slug="tell-the-red-cross-dignified-contract").specific
    cta = next(block for block in post.body if block.block_type == "call_to_action")
    assert cta.value["page"].slug == "red-cross-petition"
    html = client.get(post.url).text
    assert '<a class="button" href="/red-cross-petition/">Sign the petition</a>' in html
