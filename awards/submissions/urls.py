"""Addresses of the submission pages, in the `awards:` namespace (awards/urls.py)."""

from django.urls import path

from awards.submissions import views

urlpatterns = [
    path("trinh-cap-tren/", views.submission_list, name="submission_list"),
    path("trinh-cap-tren/tao/", views.submission_create, name="submission_create"),
    path("trinh-cap-tren/<int:pk>/", views.submission_detail, name="submission_detail"),
    path("trinh-cap-tren/<int:pk>/ky/", views.submission_sign, name="submission_sign"),
    path(
        "trinh-cap-tren/<int:pk>/ket-qua/<slug:outcome>/",
        views.submission_outcome,
        name="submission_outcome",
    ),
    path("trinh-cap-tren/<int:pk>/in/", views.submission_print, name="submission_print"),
]
