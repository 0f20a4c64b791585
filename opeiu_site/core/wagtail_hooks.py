"""Admin tweaks for editors coming from WordPress (issue 27 item 9), through Wagtail's own
extension points:

- the page listing: the title of a page with child pages opens its children (the templates
  wagtailadmin/pages/listing/_page_title_cell.html and _page_title_explore.html), and an
  "Edit" button beside it keeps its edit form one click away;
- the date picker closes on Escape, focus staying on its field
  (static/core/admin/date-picker-escape.js, on every admin page);
- success messages dark enough to read (static/core/admin/messages.css: Wagtail's green under
  white text is 3.56:1, axe's WCAG AA needs 4.5:1)."""

from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin.widgets.button import ListingButton


@hooks.register("register_page_listing_buttons")
def edit_button_for_pages_with_children(page, user, next_url=None):
    if page.is_leaf() or not page.permissions_for_user(user).can_edit():
        return
    yield ListingButton(
        _("Edit"),
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        icon_name="edit",
        attrs={"aria-label": _("Edit “%(title)s”") % {"title": page.get_admin_display_title()}},
        priority=10,
    )


@hooks.register("insert_global_admin_js")
def date_picker_escape_script():
    return format_html(
        '<script src="{}" defer></script>', static("core/admin/date-picker-escape.js")
    )


@hooks.register("insert_global_admin_css")
def readable_success_messages():
    return format_html('<link rel="stylesheet" href="{}">', static("core/admin/messages.css"))
