"""Wagtail's starter "Editors" and "Moderators" groups lose their page and collection
permissions (the whole tree, every collection): in a site shared by many locals, rights come
only from the provisioned per-local groups (locals/provisioning.py)."""

from django.db import migrations

WAGTAIL_DEFAULT_GROUPS = ["Editors", "Moderators"]


def strip(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    groups = Group.objects.filter(name__in=WAGTAIL_DEFAULT_GROUPS)
    for label in ("wagtailcore.GroupPagePermission", "wagtailcore.GroupCollectionPermission"):
        apps.get_model(label).objects.filter(group__in=groups).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("locals", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(strip, migrations.RunPython.noop)]
