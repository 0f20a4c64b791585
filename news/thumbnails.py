"""The listing thumbnails of news posts, fetched for a whole list at once: for the index's
listing (news.listing) and the sections' latest news (news.queries). Imports no model of the
app, so both sit on it without a cycle."""

from django.db.models import Prefetch
from wagtail.images import get_image_model

# The listing thumbnail of a post with a hero image (templates/news/includes/post_card.html).
THUMBNAIL_FILTER = "fill-640x360"


def with_thumbnails(posts):
    """`posts` with each hero image and its listing-thumbnail rendition fetched in one more
    query for the whole list (not one per post)."""
    renditions = (
        get_image_model().get_rendition_model().objects.filter(filter_spec=THUMBNAIL_FILTER)
    )
    return posts.select_related("hero_image").prefetch_related(
        Prefetch("hero_image__renditions", queryset=renditions)
    )
