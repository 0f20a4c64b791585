from django.apps import AppConfig


class RegistrationsConfig(AppConfig):
    name = "registrations"
    verbose_name = "Registrations: sign-ups for events and meeting dates"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from .models import RegistrationSettings
        from .queries import forget_rows

        post_save.connect(forget_rows, sender=RegistrationSettings, dispatch_uid="reg_rows_save")
        post_delete.connect(forget_rows, sender=RegistrationSettings, dispatch_uid="reg_rows_del")
