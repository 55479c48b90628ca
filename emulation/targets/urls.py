from django.urls import path

from emulation.targets import views

app_name = "targets"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path(
        "nhap/co-quan/<int:year>/<str:period>/<str:kind>/",
        views.grid,
        name="grid_authority",
    ),
    path(
        "nhap/don-vi/<int:unit_id>/<int:year>/<str:period>/<str:kind>/",
        views.grid,
        name="grid",
    ),
    path("<int:pk>/lich-su/", views.history, name="history"),
    path("minh-chung/<int:pk>/", views.evidence, name="evidence"),
    path("ky-bao-cao/<int:year>/", views.periods, name="periods"),
    path("ky-bao-cao/<int:year>/<str:period>/khoa/", views.close, name="close_period"),
    path("ky-bao-cao/<int:year>/<str:period>/mo-lai/", views.reopen, name="reopen_period"),
    path("sao-chep-nam/", views.copy_year, name="copy_year"),
    path("danh-muc/", views.catalogue, name="catalogue"),
    path("danh-muc/them/", views.target_edit, name="target_create"),
    path("danh-muc/<int:pk>/sua/", views.target_edit, name="target_edit"),
    path("excel/tai-ve/", views.export, name="export"),
    path("excel/nhap/", views.import_upload, name="import"),
    path("excel/xac-nhan/", views.import_confirm, name="import_confirm"),
]
