from django.apps import AppConfig


class RegistrationsConfig(AppConfig):
    name = "registrations"
    verbose_name = "Registrations: sign-ups for events and meeting dates"
    default_auto_field = "django.db.models.BigAutoField"
