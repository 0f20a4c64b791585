"""A member's own pages, at /my-union/ (opeiu_site/urls.py includes them there)."""

from django.urls import path

from . import views

app_name = "members"

urlpatterns = [
    path("", views.my_union, name="my_union"),
    path("calendar/reset/", views.reset_feed, name="reset_feed"),
    # The personal feed: the token is the only credential (calendar apps send no cookie).
    path("calendar/<str:token>.ics", views.calendar_feed, name="feed"),
    path("data/", views.my_data, name="my_data"),
    path("data/my-union-data.json", views.my_data_json, name="my_data_json"),
    path("data/delete/", views.delete_account, name="delete_account"),
]
