"""Admin hooks of the locals app: the per-person dashboard."""

from wagtail import hooks

from .admin.panels import construct_panels


@hooks.register("construct_homepage_panels")
def dashboard_panels(request, panels):
    construct_panels(request, panels)
