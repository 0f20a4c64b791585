"""Who may create and delete a local becomes a permission (`locals.manage_locals`), granted
here to the group that decided it by its name until now, the International's moderators."""

from django.db import migrations

# The group's name as it is at this migration (locals.choices.COMMUNICATIONS_MODERATORS): a
# migration keeps its own copy of what it reads.
INTERNATIONAL_MODERATORS = "Communications moderators"


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=INTERNATIONAL_MODERATORS).first()
    if group is None:
        return  # a new site: provisioning grants it when it makes the group
    content_type, _ = ContentType.objects.get_or_create(app_label="locals", model="localpage")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename="manage_locals",
        defaults={"name": "Can create and delete locals"},
    )
    group.permissions.add(permission)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Permission.objects.filter(content_type__app_label="locals", codename="manage_locals").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("locals", "0005_members_audience"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="localpage",
            options={
                "permissions": [("manage_locals", "Can create and delete locals")],
                "verbose_name": "local",
            },
        ),
        migrations.RunPython(grant, revoke),
    ]
