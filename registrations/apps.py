from django.apps import AppConfig


class RegistrationsConfig(AppConfig):
    name = "registrations"
    verbose_name = "Registrations: sign-ups for events and meeting dates"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_delete, post_migrate, post_save
        from wagtail.signals import page_published

        from . import sweep
        from .models import RegistrationSettings
        from .queries import forget_rows

        post_save.connect(forget_rows, sender=RegistrationSettings, dispatch_uid="reg_rows_save")
        post_delete.connect(forget_rows, sender=RegistrationSettings, dispatch_uid="reg_rows_del")
        # A published change to an event or date emails its registrants (changes.py, sweep.py).
        page_published.connect(sweep.on_published, dispatch_uid="registrations_published")
        # After migrate, the reminders' sweep is scheduled if anything is ahead (sweep.py).
        post_migrate.connect(sweep.on_migrated, sender=self, dispatch_uid="reg_reminders")
