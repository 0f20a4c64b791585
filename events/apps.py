from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = "Events and meetings"

    def ready(self):
        from . import signals

        signals.connect()
