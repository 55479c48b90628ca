"""Addresses of the council pages, in the `awards:` namespace (awards/urls.py)."""

from django.urls import path

from awards.council import views

urlpatterns = [
    path("bo-phieu/", views.ballot_list, name="ballot_list"),
    path("bo-phieu/<int:pk>/", views.vote, name="vote"),
    path("hoi-dong/", views.session_list, name="session_list"),
    path("hoi-dong/<int:pk>/", views.session_detail, name="session_detail"),
    path("hoi-dong/<int:pk>/<slug:action>/", views.session_action, name="session_action"),
]
