from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = "Members: rosters, sign-in and My union"
    default_auto_field = "django.db.models.BigAutoField"
