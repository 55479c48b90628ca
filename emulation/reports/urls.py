from django.urls import path

from emulation.reports import views

app_name = "reports"
urlpatterns = [
    path("tong-ket/", views.year_end, name="year_end"),
    path("tong-ket/<int:year>/", views.year_end_report_page, name="year_end_report"),
    path("tong-ket/<int:year>/ky/", views.year_end_sign, name="year_end_sign"),
    path("tong-ket/<int:year>/ban-hanh.pdf", views.year_end_issued, name="year_end_issued"),
    path("tong-ket/<int:year>/phu-luc.xlsx", views.year_end_annex, name="year_end_annex"),
    path("tong-ket/<int:year>/ban-ky-so/", views.year_end_file_signed, name="year_end_file_signed"),
    path(
        "tong-ket/<int:year>/ban-goc-ky-so.pdf",
        views.year_end_signed_original,
        name="year_end_signed_original",
    ),
]
