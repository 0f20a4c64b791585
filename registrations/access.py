"""Who may register for an entry, and which local owns it."""

from locals.audience import members_groups, owner_of_page


def is_member_for(user, page):
    """Is `user` one of the members (or staff) of the local that owns `page`?"""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    groups = members_groups(owner_of_page(page))
    return user.groups.filter(pk__in=[group.pk for group in groups]).exists()
