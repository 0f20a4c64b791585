"""Demo news for the International: the News index at /news/ and the twelve posts of
shared/DEMO_CONTENT.md. Idempotent: existing pages, categories, images and documents are kept.
"""

import copy
import datetime
import json

from django.utils import timezone

from demo.helpers import ensure_image, ensure_page, ensure_pdf_document, find_page
from demo.news_posts import LOCAL_12_POSTS, POSTS
from news.models import NewsCategory, NewsIndexPage, NewsPage
from opeiu_site.home.models import HomePage

CATEGORIES = [
    "Press release",
    "Campaign",
    "Benefits",
    "Safety and health",
    "Organizing",
    "Solidarity",
]

PETITION_SLUG = "red-cross-petition"
ATT_PDF_LINES = [
    "OPEIU members save on AT&T wireless service.",
    "Ask AT&T for the OPEIU member discount when you sign up or renew,",
    "and have your union membership card at hand.",
    "Questions? Call the President's Office at (800) 346-7348.",
]


def _categories():
    by_name = {}
    for name in CATEGORIES:
        by_name[name], _ = NewsCategory.objects.get_or_create(name=name)
    return by_name


def _petition_link():
    petition = find_page(PETITION_SLUG)
    if petition is not None:
        return {"label": "Sign the petition", "page": petition.pk, "url": ""}
    return {"label": "Sign the petition", "page": None, "url": f"/{PETITION_SLUG}/"}


def _body(blocks):
    """Fill the loader-made values into a post's blocks: the petition link, the AT&T PDF."""
    filled = copy.deepcopy(blocks)
    for block in filled:
        if block["type"] == "call_to_action" and block["value"] == "{petition}":
            block["value"] = _petition_link()
        elif block["type"] == "document" and block["value"]["document"] == "{att_pdf}":
            document = ensure_pdf_document(
                "AT&T discounts for OPEIU members", "att-discounts-opeiu.pdf", ATT_PDF_LINES
            )
            block["value"]["document"] = document.pk
    return json.dumps(filled)


def _ensure_post(index, spec, categories):
    existing = index.get_children().filter(slug=spec["slug"]).first()
    if existing is not None:
        return existing.specific, False
    hero = None
    if spec.get("hero"):
        alt, filename, text = spec["hero"]
        hero = ensure_image(f"News: {alt}", filename, text)
    published = timezone.make_aware(datetime.datetime.combine(spec["date"], datetime.time(9)))
    post = NewsPage(
        slug=spec["slug"],
        title=spec["title"],
        date=spec["date"],
        dek=spec["dek"],
        summary=spec["summary"],
        category=categories[spec["category"]],
        hero_image=hero,
        hero_image_alt=spec["hero"][0] if hero else "",
        body=_body(spec["body"]),
        first_published_at=published,
    )
    post.tags.add(*spec["tags"])
    index.add_child(instance=post)
    post.save_revision().publish()
    return post, True


def load(log):
    home = HomePage.objects.first()
    index, created = ensure_page(
        home,
        NewsIndexPage,
        "news",
        title="News",
        show_in_menus=True,
        intro="Press releases, campaigns, benefits and organizing news from OPEIU.",
        search_description="The latest news from OPEIU, the Office and Professional Employees "
        "International Union.",
    )
    log.step(f"{'created' if created else 'kept'} news index {index.url_path}")
    categories = _categories()
    created_posts = sum(_ensure_post(index, spec, categories)[1] for spec in POSTS)
    log.step(f"news posts: {created_posts} created, {len(POSTS) - created_posts} kept")
    load_locals_news(log)
    return index


def load_local_news(section, posts, log):
    """A local's own news index with its posts, under any section root page."""
    index, created = ensure_page(
        section,
        NewsIndexPage,
        "news",
        title="News",
        intro=f"News from {section.title}.",
    )
    categories = _categories()
    created_posts = sum(_ensure_post(index, spec, categories)[1] for spec in posts)
    log.step(f"{section.title} news: index {'created' if created else 'kept'}, {created_posts} new")
    return index


def load_locals_news(log):
    local_12 = find_page("local-12")
    if local_12 is None:
        log.step("no Local 12 page: skipped its news")
        return
    load_local_news(local_12, LOCAL_12_POSTS, log)
