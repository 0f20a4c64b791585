from django.urls import path

from . import shift_views, views

app_name = "registrations"

urlpatterns = [
    path("register/", views.register_view, name="register"),
    path("register/cancel/<str:token>/", views.cancel_view, name="cancel"),
    path("shifts/signup/", shift_views.signup_view, name="shift_signup"),
    path("shifts/cancel/<str:token>/", shift_views.cancel_view, name="shift_cancel"),
]
