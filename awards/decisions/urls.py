"""Addresses of the decision pages, in the `awards:` namespace (awards/urls.py)."""

from django.urls import path

from awards.decisions import verification, views

urlpatterns = [
    path("quyet-dinh/", views.decision_list, name="decision_list"),
    path("quyet-dinh/xac-thuc/", verification.decision_verify, name="decision_verify"),
    path("quyet-dinh/<int:pk>/", views.decision_detail, name="decision_detail"),
    path("quyet-dinh/<int:pk>/ky/", views.decision_sign, name="decision_sign"),
    path("quyet-dinh/<int:pk>/huy-bo/", views.decision_revoke, name="decision_revoke"),
    path("quyet-dinh/<int:pk>/in/", views.decision_print, name="decision_print"),
    path("quyet-dinh/<int:pk>/ban-ky-so/", views.decision_file_signed, name="decision_file_signed"),
    path(
        "quyet-dinh/<int:pk>/ban-goc-ky-so.pdf",
        views.decision_signed_original,
        name="decision_signed_original",
    ),
]
