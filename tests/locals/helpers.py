"""Reusable pieces for tests about locals: a small tree of two locals and the International,
and logging in as a local's staff. Other apps' isolation tests import these, e.g.

    from tests.locals.helpers import build_locals_tree, login_as_local_editor
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from wagtail.models import Page

from locals.models import LocalIndexPage, LocalPage
from tests.factories import StandardPageFactory

from .factories import LocalIndexPageFactory, LocalPageFactory


@dataclass
class LocalsTree:
    home: Page
    index: LocalIndexPage
    local12: LocalPage
    local12_page: Page  # a StandardPage owned by Local 12
    local212: LocalPage
    local212_page: Page  # a StandardPage owned by Local 212
    international_page: Page  # a StandardPage owned by the International


def build_locals_tree(home):
    index = LocalIndexPageFactory(parent=home)
    local12 = LocalPageFactory(
        parent=index,
        number=12,
        title="OPEIU Local 12",
        city="Roseville",
        state_province="MN",
        areas_served="Twin Cities metro\nRochester\nHibbing\nDuluth",
        office_address="2277 Highway 36 W\nRoseville, MN 55113",
        time_zone="America/Chicago",
    )
    local212 = LocalPageFactory(
        parent=index, number=212, title="OPEIU Local 212", city="Buffalo", state_province="NY"
    )
    for section in (home, local12, local212):
        section.save_revision().publish()  # every section root has revisions too
    pages = {}
    for name, parent in (("local12", local12), ("local212", local212), ("international", home)):
        page = StandardPageFactory(parent=parent, title=f"{name} news", slug=f"{name}-news")
        page.save_revision().publish()  # a revision history to compare and revert
        pages[name] = page
    return LocalsTree(
        home=home,
        index=index,
        local12=local12,
        local12_page=pages["local12"],
        local212=local212,
        local212_page=pages["local212"],
        international_page=pages["international"],
    )


def _login(client, number, role):
    local = LocalPage.objects.get(number=number)
    username = f"local{number}-{role.rstrip('s')}"
    user, _ = get_user_model().objects.get_or_create(username=username)
    user.groups.add(getattr(local.access, role))
    client.force_login(user)
    return user


def login_as_local_editor(client, number):
    """Log `client` in as a member of "Local <number> editors" and return the user."""
    return _login(client, number, "editors")


def login_as_local_moderator(client, number):
    """Log `client` in as a member of "Local <number> moderators" and return the user."""
    return _login(client, number, "moderators")
