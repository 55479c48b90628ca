"""Addresses of the certificate pages, in the `awards:` namespace (awards/urls.py)."""

from django.urls import path

from awards.certificates import views

urlpatterns = [
    path(
        "quyet-dinh/<int:pk>/giay-khen/",
        views.decision_certificates,
        name="decision_certificates",
    ),
    path(
        "giay-khen/<int:pk>/tai-ve/",
        views.certificate_download,
        name="certificate_download",
    ),
    path(
        "giay-khen/<int:pk>/dinh-chinh/",
        views.certificate_correct,
        name="certificate_correct",
    ),
    path("giay-khen/mau-in/", views.certificate_template, name="certificate_template"),
    path(
        "giay-khen/mau-in/canh-chinh.pdf",
        views.certificate_calibration,
        name="certificate_calibration",
    ),
    path("xac-thuc/", views.certificate_lookup, name="certificate_lookup"),
    path("xac-thuc/<str:code>/", views.certificate_verify, name="certificate_verify"),
    path(
        "xac-thuc/<str:code>/tep/",
        views.certificate_public_file,
        name="certificate_public_file",
    ),
]
