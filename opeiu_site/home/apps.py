from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "opeiu_site.home"
    label = "home"
    verbose_name = "Home and standard pages"
