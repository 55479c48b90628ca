from django.urls import path

from emulation import views
from emulation.imports.urls import urlpatterns as import_urls

app_name = "emulation"
urlpatterns = [
    path("", views.home, name="home"),
    path("don-vi/", views.unit_list, name="unit_list"),
    path("don-vi/in/", views.unit_directory_print, name="unit_directory_print"),
    path("don-vi/con-thieu/", views.outstanding_page, name="outstanding"),
    path("don-vi/<int:pk>/", views.unit_detail, name="unit_detail"),
    path("ca-nhan/<int:pk>/", views.person_detail, name="person_detail"),
    *import_urls,
]
