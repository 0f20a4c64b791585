"""Factories shared by the whole suite. Each app's tests add their own beside these."""

import wagtail_factories

from opeiu_site.home.models import HomePage, StandardPage


class HomePageFactory(wagtail_factories.PageFactory):
    title = "OPEIU"
    hero_heading = "Stronger together at work"

    class Meta:
        model = HomePage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = wagtail_factories.factories.factory.Sequence(lambda n: f"Standard page {n}")
    intro = "An introduction."

    class Meta:
        model = StandardPage
