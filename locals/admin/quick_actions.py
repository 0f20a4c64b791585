"""The first panel of the dashboard: for each section a person works on, its name, its site,
its page in the admin, and the four things a local's staff do most, each opening the right
view under their own section."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from opeiu_site.core.sections import parent_path


def _index_pages(sections):
    """{(section id, app_label.model): index page id} for the sections' news and event indexes
    (one query)."""
    from events.models import EventIndexPage
    from news.models import NewsIndexPage

    wanted = Q(pk__in=[])
    for section in sections:
        wanted |= Q(path__startswith=section.path, depth=len(section.path) // Page.steplen + 1)
    found = {}
    children = Page.objects.filter(wanted).type(NewsIndexPage, EventIndexPage)
    for page in children.only("id", "path", "content_type").order_by("path"):
        key = ContentType.objects.get_for_id(page.content_type_id).model_class()._meta.label_lower
        found.setdefault((parent_path(page), key), page.pk)
    return found


def quick_actions(scope):
    """[{label, title, view_url, edit_url, actions: [(label, url)]}] for the person's sections
    (the International's staff get the International's; the locals are a click away)."""
    sections = [section for section in scope.sections if section.is_local or scope.international]
    index_pages = _index_pages(sections)
    live = Page.objects.filter(pk__in=[s.page_id for s in sections]).only("id", "url_path")
    urls = {page.pk: page.get_url() for page in live}
    result = []
    for section in sections:
        news = index_pages.get((section.path, "news.newsindexpage"))
        calendar = index_pages.get((section.path, "events.eventindexpage"))
        actions = []
        if news:
            actions.append(
                (
                    _("Write a news post"),
                    reverse("wagtailadmin_pages:add", args=["news", "newspage", news]),
                )
            )
        if calendar:
            actions.append(
                (
                    _("Add an event"),
                    reverse("wagtailadmin_pages:add", args=["events", "eventpage", calendar]),
                )
            )
            actions.append(
                (
                    _("Change a meeting date"),
                    reverse("opeiu_meetings:list") + f"?section={section.page_id}",
                )
            )
        actions.append((_("See form submissions"), reverse("wagtailforms:index")))
        result.append(
            {
                "section": section,
                "view_url": urls.get(section.page_id),
                "edit_url": reverse("wagtailadmin_pages:edit", args=[section.page_id]),
                "explore_url": reverse("wagtailadmin_explore", args=[section.page_id]),
                "actions": actions,
            }
        )
    return result
