"""A new page whose address (slug) is taken: say so at the top of the form, and never let an
abandoned draft block the next try.

Wagtail reports the clash only on the slug field, in the Promote tab the editor never opened.
And Wagtail's autosave creates the page as a draft as soon as one types, so a post abandoned
halfway keeps its slug: the next try with the same title fails. A never-published draft of the
same person is stepped round (the new page gets "slug-2", and the message names the old draft);
any other page keeps its address and the editor is told which page has it."""

from django.contrib import messages
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _


def _free_slug(parent, slug):
    taken = set(parent.get_children().filter(slug__startswith=slug).values_list("slug", flat=True))
    number = 2
    while f"{slug}-{number}" in taken:
        number += 1
    return f"{slug}-{number}"


def step_round_clash(request, parent_page, page_class):
    """`before_create_page`: runs before Wagtail validates the form (page saves and autosaves)."""
    slug = request.POST.get("slug", "").strip() if request.method == "POST" else ""
    if not slug:
        return None
    clash = parent_page.get_children().filter(slug=slug).first()
    if clash is None:
        return None
    shown = request.accepts("text/html")  # not the autosave's JSON requests
    edit_url = reverse("wagtailadmin_pages:edit", args=[clash.pk])
    title = clash.get_admin_display_title()
    abandoned = not clash.live and clash.first_published_at is None
    if abandoned and clash.owner_id == request.user.pk:
        free = _free_slug(parent_page, slug)
        data = request.POST.copy()
        data["slug"] = free
        request.POST = data
        if shown:
            messages.warning(
                request,
                format_html(
                    _(
                        'An unfinished draft of yours, <a href="{}">{}</a>, already has the '
                        "address “{}”, so this page gets “{}”. Delete the old draft if you do "
                        "not need it."
                    ),
                    edit_url,
                    title,
                    slug,
                    free,
                ),
            )
        return None
    if shown:
        messages.error(
            request,
            format_html(
                _(
                    'The address “{}” is already used by <a href="{}">{}</a> in the same '
                    "place. Give this page another title, or change its Slug in the Promote tab."
                ),
                slug,
                edit_url,
                title,
            ),
        )
    return None
