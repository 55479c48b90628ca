"""Addresses of the cluster vote pages, in the `awards:` namespace (awards/urls.py)."""

from django.urls import path

from awards.cluster_votes import views

urlpatterns = [
    path(
        "cum-khoi/vong-cham/<int:round_pk>/mo-bo-phieu/",
        views.cluster_vote_open,
        name="cluster_vote_open",
    ),
    path("cum-khoi/bo-phieu/<int:pk>/", views.cluster_vote, name="cluster_vote"),
    path(
        "cum-khoi/bo-phieu/<int:pk>/ket-thuc/",
        views.cluster_vote_close,
        name="cluster_vote_close",
    ),
]
