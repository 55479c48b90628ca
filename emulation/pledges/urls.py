from django.urls import path

from emulation.pledges import signing_views, views

app_name = "pledges"
urlpatterns = [
    path("", views.pledge_list, name="list"),
    path("lap/<int:cluster_id>/", views.pledge_create, name="create"),
    path("<int:pk>/", views.pledge_detail, name="detail"),
    path("<int:pk>/mo-ky/", views.pledge_open, name="open"),
    path("<int:pk>/sua-doi/", views.pledge_amend, name="amend"),
    path("<int:pk>/gop-y/", views.pledge_comment, name="comment"),
    path("<int:pk>/soan-thao/", views.pledge_edit, name="edit"),
    path("<int:pk>/soan-thao/cam-ket/", views.item_save, name="item_add"),
    path("<int:pk>/soan-thao/cam-ket/<int:item_id>/", views.item_save, name="item_edit"),
    path("<int:pk>/soan-thao/cam-ket/<int:item_id>/xoa/", views.item_delete, name="item_delete"),
    path("<int:pk>/soan-thao/hoat-dong/", views.activity_save, name="activity_add"),
    path(
        "<int:pk>/soan-thao/hoat-dong/<int:activity_id>/",
        views.activity_save,
        name="activity_edit",
    ),
    path(
        "<int:pk>/soan-thao/hoat-dong/<int:activity_id>/xoa/",
        views.activity_delete,
        name="activity_delete",
    ),
    path("ban/<int:version_id>/ky/", signing_views.sign, name="sign"),
    path("ban/<int:version_id>/tu-choi/", signing_views.decline, name="decline"),
    path("ban/<int:version_id>/van-ban.pdf", signing_views.document, name="document"),
    path("ban/<int:version_id>/ban-da-ky.pdf", signing_views.final_document, name="final_document"),
    path("xac-thuc/", signing_views.verify, name="verify"),
]
