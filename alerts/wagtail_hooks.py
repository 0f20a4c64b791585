from django.template.loader import render_to_string
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views, alert_views
from .models import Topic

# place (where a content template calls {% page_extras page place %}) -> the form's words.
FORMS = {
    "series": {
        "topic": Topic.SERIES,
        "heading": _("Email me changes"),
        "words": _("a change to these meetings (cancelled, moved, online or in person)"),
        "button": _("Email me changes"),
    },
    "calendar": {
        "topic": Topic.MEETINGS,
        "heading": _("Email me meeting changes"),
        "words": _("a change to any of these meetings"),
        "button": _("Email me changes"),
    },
    "news": {
        "topic": Topic.NEWS,
        "heading": _("Get the news by email"),
        "words": _("news here"),
        "button": _("Email me the news"),
    },
}


@hooks.register("opeiu_page_extras")
def subscribe_form(request, page, place):
    """The subscribe form of a series, calendar or news page: no query, the same HTML for every
    visitor (the page is cached)."""
    form = FORMS.get(place)
    if form is None or page is None:
        return ""
    return render_to_string("alerts/includes/subscribe_form.html", {**form, "page_id": page.pk})


@hooks.register("opeiu_my_union_sections")
def my_lists_section(request):
    """The member's email lists on "My union" (alerts.my_lists)."""
    from .my_lists import section

    return section(request)


@hooks.register("register_admin_urls")
def register_admin_urls():
    urls = [
        path("", admin_views.ListsView.as_view(), name="lists"),
        path("lists/<int:list_id>/", admin_views.SubscribersView.as_view(), name="subscribers"),
        path("notices/", admin_views.NoticesView.as_view(), name="notices"),
        path("notices/<int:notice_id>/", admin_views.NoticeView.as_view(), name="notice"),
        *alert_views.urls(),
    ]
    return [path("alerts/", include((urls, "alerts_admin"), namespace="alerts_admin"))]


class AlertsMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.is_alerts_staff(request.user)


@hooks.register("register_admin_menu_item")
def register_menu_item():
    return AlertsMenuItem(_("Email alerts"), reverse("alerts_admin:lists"), icon_name="mail",
                          order=450)  # fmt: skip
