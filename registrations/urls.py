from django.urls import path

from . import checkin_views, shift_views, views

app_name = "registrations"

urlpatterns = [
    path("register/", views.register_view, name="register"),
    path("register/cancel/<str:token>/", views.cancel_view, name="cancel"),
    path("register/check-in/<str:token>/", checkin_views.checkin_view, name="checkin"),
    path(
        "register/check-in/<str:token>/walk-in/", checkin_views.walk_in_view, name="checkin_walk_in"
    ),
    path("shifts/signup/", shift_views.signup_view, name="shift_signup"),
    path("shifts/cancel/<str:token>/", shift_views.cancel_view, name="shift_cancel"),
]
