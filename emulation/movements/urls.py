from django.urls import path

from emulation.movements import views

app_name = "movements"
urlpatterns = [
    path("", views.movement_list, name="list"),
    path("tao/", views.movement_edit, name="create"),
    path("<int:pk>/", views.movement_detail, name="detail"),
    path("<int:pk>/sua/", views.movement_edit, name="edit"),
    path("<int:pk>/van-ban/", views.document_add, name="document_add"),
    path("<int:pk>/moc/", views.milestone_add, name="milestone_add"),
    path(
        "<int:pk>/moc/<int:milestone_id>/bao-cao/", views.milestone_report, name="milestone_report"
    ),
    path("dang-ky/", views.registration_overview, name="registration_overview"),
    path("dang-ky/<int:year>/", views.registration_unit, name="registration_mine"),
    path("dang-ky/<int:year>/<int:unit_id>/", views.registration_unit, name="registration_unit"),
    path(
        "dang-ky/<int:year>/<int:unit_id>/gui/",
        views.registration_submit,
        name="registration_submit",
    ),
    path(
        "dang-ky/<int:year>/<int:unit_id>/tra-lai/",
        views.registration_return,
        name="registration_return",
    ),
    path(
        "dang-ky/dong/<int:line_id>/xoa/",
        views.registration_line_delete,
        name="registration_line_delete",
    ),
    path("dien-hinh/", views.exemplary_list, name="exemplary_list"),
    path("dien-hinh/tao/", views.exemplary_edit, name="exemplary_create"),
    path("dien-hinh/<int:pk>/", views.exemplary_detail, name="exemplary_detail"),
    path("dien-hinh/<int:pk>/sua/", views.exemplary_edit, name="exemplary_edit"),
    path("dien-hinh/<int:pk>/anh/", views.photo_add, name="photo_add"),
    path("van-ban/<int:document_id>/", views.document_download, name="document_download"),
    path("bao-cao/<int:milestone_id>/", views.milestone_download, name="milestone_download"),
    path("anh/<int:photo_id>/", views.photo, name="photo"),
]
