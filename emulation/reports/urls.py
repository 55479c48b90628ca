from django.urls import path

from emulation.reports import views

app_name = "reports"
urlpatterns = [
    path("tong-ket/", views.year_end, name="year_end"),
    path("tong-ket/<int:year>/phu-luc.xlsx", views.year_end_annex, name="year_end_annex"),
]
