"""Demo content for the International's own pages: home, About, Need a Union?, Contact, and
site settings. Facts from shared/DEMO_CONTENT.md; the prose is our own."""

import json

from wagtail.models import Page, Site

from demo.helpers import ensure_page
from opeiu_site.core.models import SiteSettings
from opeiu_site.home.models import HomePage, StandardPage


def _paragraphs(*texts):
    return json.dumps([{"type": "paragraph", "value": f"<p>{text}</p>"} for text in texts])


def _ensure_home():
    home = HomePage.objects.first()
    if home is not None:
        return home, False
    root = Page.get_first_root_node()
    # Wagtail's first migration leaves a placeholder "Welcome" page with the slug we want.
    for placeholder in root.get_children().filter(slug="home"):
        if placeholder.specific_class is Page and placeholder.numchild == 0:
            placeholder.delete()
    home = HomePage(
        title="Office and Professional Employees International Union",
        slug="home",
        seo_title="OPEIU: Office and Professional Employees International Union",
        search_description=(
            "OPEIU represents more than 90,000 office, professional and health care workers "
            "in the United States and Canada. News, locals, meetings and member benefits."
        ),
        hero_heading="Stronger together at work",
        hero_text=(
            "More than 90,000 members in offices, clinics, nonprofits and newsrooms across the "
            "United States and Canada, organized since 1945."
        ),
    )
    root.add_child(instance=home)
    home.save_revision().publish()
    return home, True


def _ensure_site(home):
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site(hostname="localhost", port=80, is_default_site=True)
    site.root_page = home
    site.site_name = "OPEIU"
    site.save()
    return site


def _ensure_settings(site):
    settings = SiteSettings.for_site(site)
    if settings.address:
        return
    settings.organisation_name = "Office and Professional Employees International Union"
    settings.short_name = "OPEIU"
    settings.tagline = "AFL-CIO affiliate, chartered 1945"
    settings.address = (
        "President's Office\n80 Eighth Avenue, Suite 201\n"
        "(entrance at 265 West 14th Street)\nNew York, NY 10011"
    )
    settings.phone = "(800) 346-7348"
    settings.phone_alt = "(212) 675-3210"
    settings.app_store_url = "https://apps.apple.com/us/search?term=OPEIU"
    settings.google_play_url = "https://play.google.com/store/search?q=OPEIU&c=apps"
    settings.save()


def load(log):
    home, created = _ensure_home()
    log.step(f"{'created' if created else 'kept'} home page {home.url_path}")
    site = _ensure_site(home)
    _ensure_settings(site)
    log.step("site settings: President's Office address and phones")

    about, _ = ensure_page(
        home,
        StandardPage,
        "about",
        title="About OPEIU",
        show_in_menus=True,
        intro=(
            "A union of office, professional and health care workers, chartered in 1945 and "
            "affiliated with the AFL-CIO."
        ),
        body=_paragraphs(
            "OPEIU brings together more than 90,000 working people in locals across the United "
            "States and Canada: clerical staff and call-centre workers, nurses and podiatrists, "
            "nonprofit staff, appraisers, hypnotists, helicopter pilots and minor-league umpires.",
            "Each local is run by its own members under its own constitution. The International "
            "supports them with organizing, bargaining help, training and a voice in Washington "
            "and Ottawa.",
        ),
    )
    need_a_union, _ = ensure_page(
        home,
        StandardPage,
        "need-a-union",
        title="Need a Union?",
        show_in_menus=True,
        intro="Steps to form a union where you work, and how OPEIU organizers can help.",
        body=json.dumps(
            [
                {"type": "heading", "value": {"text": "Start with your co-workers", "level": "h2"}},
                {
                    "type": "paragraph",
                    "value": (
                        "<p>Talk quietly with people you trust about what should change at work. "
                        "Write down the issues you share: pay, schedules, safety, respect.</p>"
                    ),
                },
                {"type": "heading", "value": {"text": "Talk to an organizer", "level": "h2"}},
                {
                    "type": "paragraph",
                    "value": (
                        "<p>An OPEIU organizer will explain your rights under the law, help you "
                        "build a committee and plan the campaign with you. The conversation is "
                        "confidential.</p>"
                    ),
                },
                {"type": "heading", "value": {"text": "Win recognition", "level": "h2"}},
                {
                    "type": "paragraph",
                    "value": (
                        "<p>When a majority signs cards, you can ask your employer to recognize "
                        "the union voluntarily or file for an election with the labor board.</p>"
                    ),
                },
            ]
        ),
    )
    contact, _ = ensure_page(
        home,
        StandardPage,
        "contact",
        title="Contact",
        show_in_menus=True,
        intro="Reach the International's President's Office in New York.",
        body=json.dumps(
            [
                {"type": "contact_details", "value": None},
                {
                    "type": "paragraph",
                    "value": (
                        "<p>For questions about your contract or workplace, start with your "
                        'local: <a href="/locals/">find your local</a>.</p>'
                    ),
                },
            ]
        ),
    )
    log.step("standard pages: About, Need a Union?, Contact")
    _ensure_search_promotion(
        "organize", need_a_union, "How to form a union where you work, step by step."
    )
    log.step("search promotion: 'organize' recommends Need a Union?")


def _ensure_search_promotion(query_string, page, description):
    from wagtail.contrib.search_promotions.models import Query, SearchPromotion

    query = Query.get(query_string)
    SearchPromotion.objects.get_or_create(
        query=query, page=page, defaults={"sort_order": 0, "description": description}
    )
