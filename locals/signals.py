"""Provision a local's groups, collection and workflow as soon as its page exists.

`post_save` (not the admin's after_create_page hook) so that pages made by the demo loader,
the shell or a migration are provisioned too; publishing provisions again, which repairs
anything missing and renames the groups if the local was renumbered.
"""

from django.db.models.signals import post_save, pre_delete
from django.dispatch import receiver
from wagtail.signals import page_published

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
