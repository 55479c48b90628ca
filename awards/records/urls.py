"""Addresses of the records pages, in the `awards:` namespace (awards/urls.py)."""

from django.urls import path

from awards.records import views

urlpatterns = [
    path("lich-su/", views.history, name="history"),
    path("ket-qua/<int:unit_id>/<int:year>/", views.records, name="records"),
    path("ket-qua/<int:unit_id>/<int:year>/excel/", views.records_export, name="records_export"),
    path("ket-qua/<int:unit_id>/<int:year>/nhap/", views.records_import, name="records_import"),
]
