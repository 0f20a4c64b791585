"""RSS 2.0 and Atom feeds of a NewsIndexPage, built with Django's feed generator.

Entry ids are the post's Wagtail translation key (a UUID that survives renames, moves and
edits), so feed readers never show a post twice.
"""

from django.http import HttpResponse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape
from django.utils.translation import gettext as _

from opeiu_site.core.feed_text import multi_line, one_line
from opeiu_site.core.models import SiteSettings
from opeiu_site.core.sections import section_of

RSS = "rss"
ATOM = "atom"
FEED_LIMIT = 20


GENERATORS = {RSS: Rss201rev2Feed, ATOM: Atom1Feed}


def feed_urls(index, request):
    """Absolute URLs of the index's feeds, for autodiscovery links and the visible links."""
    base = index.get_url(request)
    return {
        kind: request.build_absolute_uri(base + index.reverse_subpage(kind)) for kind in (RSS, ATOM)
    }


def publisher_name(index, site_settings):
    """(short, full) name of whoever publishes the index: a local's news is titled after the
    local (a reader subscribed to five feeds must tell them apart), the International's after
    the site."""
    section = section_of(index)
    if section is not None and getattr(section, "is_local_section", False):
        return section.title, section.title
    return site_settings.short_name, site_settings.organisation_name


def feed_response(index, request, kind):
    site_settings = SiteSettings.for_request(request)
    short_name, full_name = publisher_name(index, site_settings)
    index_url = request.build_absolute_uri(index.get_url(request))
    generator = GENERATORS[kind](
        title=one_line(f"{index.title} | {short_name}"),
        link=index_url,
        description=multi_line(index.summary_text or _("News from %(name)s") % {"name": full_name}),
        language="en",
        feed_url=feed_urls(index, request)[kind],
        feed_guid=f"urn:uuid:{index.translation_key}",
        author_name=one_line(site_settings.organisation_name),
        ttl="60",
    )
    for post in index.get_posts()[:FEED_LIMIT]:
        generator.add_item(
            title=one_line(post.title),
            link=request.build_absolute_uri(post.get_url(request)),
            # Readers treat descriptions as HTML; the summary is plain text.
            description=escape(multi_line(post.summary_text or post.dek or post.title)),
            unique_id=f"urn:uuid:{post.translation_key}",
            unique_id_is_permalink=False,
            pubdate=post.published_at,
            updateddate=max(post.published_at, post.last_published_at or post.published_at),
            categories=[one_line(post.category.name)] if post.category else None,
        )
    response = HttpResponse(content_type=generator.content_type)
    generator.write(response, "utf-8")
    return response
