from django.urls import path

from awards import cluster_vote_views, verification, views
from awards.certificates import views as certificate_views

app_name = "awards"
urlpatterns = [
    path("ho-so/", views.nomination_list, name="nomination_list"),
    path("ho-so/tao/", views.nomination_create, name="nomination_create"),
    path(
        "ho-so/tu-dien-hinh/<int:exemplary_id>/", views.propose_exemplary, name="propose_exemplary"
    ),
    path("ho-so/<int:pk>/", views.nomination_detail, name="nomination_detail"),
    path("ho-so/<int:pk>/them/", views.nominee_add, name="nominee_add"),
    path("ho-so/<int:pk>/gui/", views.nomination_submit, name="nomination_submit"),
    path("ho-so/<int:pk>/rut/", views.nomination_withdraw, name="nomination_withdraw"),
    path("ho-so/<int:pk>/xu-ly/<slug:action>/", views.nomination_review, name="nomination_review"),
    path("tham-dinh/", views.review_queue, name="review_queue"),
    path("tham-dinh/hang-loat/", views.review_bulk_appraise, name="review_bulk_appraise"),
    path("lich-su/", views.history, name="history"),
    path("ket-qua/<int:unit_id>/<int:year>/", views.records, name="records"),
    path("ket-qua/<int:unit_id>/<int:year>/excel/", views.records_export, name="records_export"),
    path("ket-qua/<int:unit_id>/<int:year>/nhap/", views.records_import, name="records_import"),
    path(
        "cum-khoi/vong-cham/<int:round_pk>/mo-bo-phieu/",
        cluster_vote_views.cluster_vote_open,
        name="cluster_vote_open",
    ),
    path("cum-khoi/bo-phieu/<int:pk>/", cluster_vote_views.cluster_vote, name="cluster_vote"),
    path(
        "cum-khoi/bo-phieu/<int:pk>/ket-thuc/",
        cluster_vote_views.cluster_vote_close,
        name="cluster_vote_close",
    ),
    path("bo-phieu/", views.ballot_list, name="ballot_list"),
    path("bo-phieu/<int:pk>/", views.vote, name="vote"),
    path("hoi-dong/", views.session_list, name="session_list"),
    path("hoi-dong/<int:pk>/", views.session_detail, name="session_detail"),
    path("hoi-dong/<int:pk>/<slug:action>/", views.session_action, name="session_action"),
    path("quyet-dinh/", views.decision_list, name="decision_list"),
    path("quyet-dinh/xac-thuc/", verification.decision_verify, name="decision_verify"),
    path("quyet-dinh/<int:pk>/", views.decision_detail, name="decision_detail"),
    path("quyet-dinh/<int:pk>/ky/", views.decision_sign, name="decision_sign"),
    path("quyet-dinh/<int:pk>/huy-bo/", views.decision_revoke, name="decision_revoke"),
    path("quyet-dinh/<int:pk>/in/", views.decision_print, name="decision_print"),
    path(
        "quyet-dinh/<int:pk>/giay-khen/",
        certificate_views.decision_certificates,
        name="decision_certificates",
    ),
    path(
        "giay-khen/<int:pk>/tai-ve/",
        certificate_views.certificate_download,
        name="certificate_download",
    ),
    path("giay-khen/mau-in/", certificate_views.certificate_template, name="certificate_template"),
    path(
        "giay-khen/mau-in/canh-chinh.pdf",
        certificate_views.certificate_calibration,
        name="certificate_calibration",
    ),
    path("xac-thuc/", certificate_views.certificate_lookup, name="certificate_lookup"),
    path("xac-thuc/<str:code>/", certificate_views.certificate_verify, name="certificate_verify"),
    path(
        "xac-thuc/<str:code>/tep/",
        certificate_views.certificate_public_file,
        name="certificate_public_file",
    ),
    path("trinh-cap-tren/", views.submission_list, name="submission_list"),
    path("trinh-cap-tren/tao/", views.submission_create, name="submission_create"),
    path("trinh-cap-tren/<int:pk>/", views.submission_detail, name="submission_detail"),
    path("trinh-cap-tren/<int:pk>/ky/", views.submission_sign, name="submission_sign"),
    path(
        "trinh-cap-tren/<int:pk>/ket-qua/<slug:outcome>/",
        views.submission_outcome,
        name="submission_outcome",
    ),
    path("trinh-cap-tren/<int:pk>/in/", views.submission_print, name="submission_print"),
]
