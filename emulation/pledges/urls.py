from django.urls import path

from emulation.pledges import views

app_name = "pledges"
urlpatterns = [
    path("", views.pledge_list, name="list"),
    path("lap/<int:cluster_id>/", views.pledge_create, name="create"),
    path("<int:pk>/", views.pledge_detail, name="detail"),
    path("<int:pk>/mo-ky/", views.pledge_open, name="open"),
    path("<int:pk>/sua-doi/", views.pledge_amend, name="amend"),
    path("<int:pk>/gop-y/", views.pledge_comment, name="comment"),
    path("ban/<int:version_id>/ky/", views.sign, name="sign"),
    path("ban/<int:version_id>/tu-choi/", views.decline, name="decline"),
    path("ban/<int:version_id>/van-ban.pdf", views.document, name="document"),
    path("ban/<int:version_id>/ban-da-ky.pdf", views.final_document, name="final_document"),
    path("xac-thuc/", views.verify, name="verify"),
]
