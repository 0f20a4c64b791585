from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "opeiu_site.core"
    label = "core"
    verbose_name = "Site-wide pieces"
