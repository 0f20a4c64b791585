from anymail import urls as anymail_urls
from django.urls import include, path
from wagtail.utils.urlpatterns import decorate_urlpatterns

from . import my_lists, views
from .webhooks import require_secret

app_name = "alerts"

urlpatterns = [
    path("subscribe/", views.subscribe, name="subscribe"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("my-lists/", my_lists.save, name="my_lists"),
    # Providers' tracking (bounces, complaints) and inbound (the mailto unsubscribe) webhooks.
    path(
        "webhooks/",
        include(decorate_urlpatterns(list(anymail_urls.urlpatterns), require_secret)),
    ),
]
