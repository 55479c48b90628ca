from django.urls import path

from awards.statistics import views

app_name = "statistics"
urlpatterns = [
    path("", views.index, name="index"),
    path("bieu-<slug:slug>/", views.form, name="form"),
    path("bieu-<slug:slug>.xlsx", views.form_xlsx, name="form_xlsx"),
    path(
        "bieu-<slug:slug>/co-quan/<int:authority_id>/",
        views.authority_form,
        name="authority_form",
    ),
    path(
        "bieu-<slug:slug>/co-quan/<int:authority_id>.xlsx",
        views.authority_form_xlsx,
        name="authority_form_xlsx",
    ),
]
