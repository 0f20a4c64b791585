"""Provision a local's groups, collection and workflow as soon as its page exists; keep
members-only meaning members of the owner (locals.audience) and files as private as the place
they are chosen in (locals.file_audience).

`post_save` (not the admin's after_create_page hook) so that pages made by the demo loader,
the shell or a migration are provisioned too; publishing provisions again, which repairs
anything missing and renames the groups if the local was renumbered.
"""

from django.db.models.signals import m2m_changed, post_save, pre_delete
from django.dispatch import receiver
from wagtail.models import (
    BaseViewRestriction,
    CollectionViewRestriction,
    Page,
    PageViewRestriction,
    Revision,
)
from wagtail.signals import page_published

from . import audience, file_audience
from .models import LocalPage
from .provisioning import deprovision_local, provision_local


@receiver(post_save, sender=LocalPage, dispatch_uid="locals.provision_on_create")
def provision_new_local(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        provision_local(instance)


@receiver(page_published, sender=LocalPage, dispatch_uid="locals.provision_on_publish")
def provision_published_local(sender, instance, **kwargs):
    provision_local(instance)


@receiver(pre_delete, sender=LocalPage, dispatch_uid="locals.deprovision_on_delete")
def deprovision_deleted_local(sender, instance, **kwargs):
    # pre_delete: LocalAccess (which says what belongs to the local) goes with the page.
    deprovision_local(instance)


@receiver(post_save, sender=Revision, dispatch_uid="locals.files_follow_draft")
def files_follow_saved_draft(sender, instance, created, raw=False, **kwargs):
    """A draft saved in a members-only place makes the files it names members-only now, not
    when (or if) it is published."""
    if raw or not created:
        return
    content = instance.as_object()
    if isinstance(content, Page) and content.pk:
        file_audience.protect_files_of(content, content)


def _owner_members(restriction):
    if isinstance(restriction, PageViewRestriction):
        owner = audience.owner_of_page(restriction.page)
    else:
        owner = audience.owner_of_collection(restriction.collection)
    return audience.members_groups(owner)


def _login_means_members(restriction):
    """ "Private, for logged-in users" means the owner's members (never any account)."""
    if restriction.restriction_type != BaseViewRestriction.LOGIN:
        return
    type(restriction).objects.filter(pk=restriction.pk).update(
        restriction_type=BaseViewRestriction.GROUPS
    )
    restriction.restriction_type = BaseViewRestriction.GROUPS
    restriction.groups.set(_owner_members(restriction))


@receiver(post_save, sender=PageViewRestriction, dispatch_uid="locals.page_restriction")
def page_restriction_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    _login_means_members(instance)
    file_audience.protect_files_below(instance.page)


@receiver(post_save, sender=CollectionViewRestriction, dispatch_uid="locals.collection_restr")
def collection_restriction_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        _login_means_members(instance)


def restriction_groups_changed(sender, instance, action, reverse=False, **kwargs):
    """Wagtail's privacy forms save the restriction, then its (empty) groups: a GROUPS
    restriction left with no group at all is the owner's members restriction."""
    if reverse or action not in ("post_remove", "post_clear"):
        return
    if instance.restriction_type == BaseViewRestriction.GROUPS and not instance.groups.exists():
        instance.groups.set(_owner_members(instance))


for _model in (PageViewRestriction, CollectionViewRestriction):
    m2m_changed.connect(
        restriction_groups_changed,
        sender=_model.groups.through,
        dispatch_uid=f"locals.restriction_groups.{_model.__name__}",
    )
