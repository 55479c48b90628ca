"""Addresses of the nomination pages, in the `awards:` namespace (awards/urls.py)."""

from django.urls import path

from awards.nominations import views

urlpatterns = [
    path("ho-so/", views.nomination_list, name="nomination_list"),
    path("ho-so/tao/", views.nomination_create, name="nomination_create"),
    path(
        "ho-so/tu-dien-hinh/<int:exemplary_id>/", views.propose_exemplary, name="propose_exemplary"
    ),
    path("ho-so/<int:pk>/", views.nomination_detail, name="nomination_detail"),
    path("ho-so/<int:pk>/them/", views.nominee_add, name="nominee_add"),
    path("ho-so/<int:pk>/bo/<int:line_id>/", views.nominee_remove, name="nominee_remove"),
    path("ho-so/<int:pk>/minh-chung/", views.attachment_add, name="attachment_add"),
    path(
        "ho-so/<int:pk>/minh-chung/<int:attachment_id>/",
        views.attachment_download,
        name="attachment_download",
    ),
    path(
        "ho-so/<int:pk>/minh-chung/<int:attachment_id>/go/",
        views.attachment_remove,
        name="attachment_remove",
    ),
    path("ho-so/<int:pk>/gui/", views.nomination_submit, name="nomination_submit"),
    path("ho-so/<int:pk>/rut/", views.nomination_withdraw, name="nomination_withdraw"),
    path("ho-so/<int:pk>/xu-ly/<slug:action>/", views.nomination_review, name="nomination_review"),
    path("tham-dinh/", views.review_queue, name="review_queue"),
    path("tham-dinh/hang-loat/", views.review_bulk_appraise, name="review_bulk_appraise"),
]
