"""Addresses of "Nhập dữ liệu", in the `emulation:` namespace (emulation/urls.py)."""

from django.urls import path

from emulation.imports import views

urlpatterns = [
    path("nhap-du-lieu/", views.guide, name="import_guide"),
    path("nhap-du-lieu/lan-nhap/<int:pk>/", views.detail, name="import_detail"),
    path("nhap-du-lieu/tai-khoan-don-vi/", views.unit_accounts, name="unit_accounts"),
    path("nhap-du-lieu/ten-goi-co-quan/", views.identity, name="authority_identity"),
    path("nhap-du-lieu/<slug:kind>/", views.upload, name="import_upload"),
    path("nhap-du-lieu/<slug:kind>/mau/", views.template, name="import_template"),
    path("nhap-du-lieu/<slug:kind>/ghi/", views.confirm, name="import_confirm"),
]
