"""The dashboard's page count for a local's staff: "27 pages in OPEIU Local 12".

Wagtail's summary counts the pages under the person's explorable root and names the site
("27 Pages created in OPEIU"): for a local's staff that reads as the International's pages.
Ours counts each of the person's own sections and names it, visibly."""

from django.urls import reverse
from wagtail.admin.site_summary import PagesSummaryItem, SummaryItem
from wagtail.models import Page

from .scope import scope_for_request


class SectionPagesSummaryItem(SummaryItem):
    order = 100
    template_name = "locals/admin/summary_pages.html"

    def __init__(self, request, sections):
        super().__init__(request)
        self.sections = sections

    def get_context_data(self, parent_context):
        rows = []
        for section in self.sections:
            count = Page.objects.filter(path__startswith=section.path).count()
            url = reverse("wagtailadmin_explore", args=[section.page_id])
            rows.append({"title": section.title, "count": count, "url": url})
        return {"rows": rows}


def construct_summary_items(request, items):
    scope = scope_for_request(request)
    if scope.international or not scope.sections:
        return
    items[:] = [item for item in items if not isinstance(item, PagesSummaryItem)]
    items.append(SectionPagesSummaryItem(request, scope.sections))
