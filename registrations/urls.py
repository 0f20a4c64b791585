from django.urls import path

from . import views

app_name = "registrations"

urlpatterns = [
    path("register/", views.register_view, name="register"),
    path("register/cancel/<str:token>/", views.cancel_view, name="cancel"),
]
