from django.apps import AppConfig


class LocalsConfig(AppConfig):
    name = "locals"
    verbose_name = "Locals"
