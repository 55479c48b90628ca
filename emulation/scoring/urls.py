from django.urls import path

from emulation.scoring import views

app_name = "scoring"
urlpatterns = [
    path("", views.round_list, name="list"),
    path("<int:pk>/", views.round_detail, name="round"),
    path("<int:pk>/xep-hang.xlsx", views.ranking_export, name="export"),
    path("<int:pk>/in/", views.ranking_print, name="print"),
    path("phieu/<int:pk>/", views.sheet_detail, name="sheet"),
    path("phieu/<int:pk>/cham/", views.sheet_score, name="score"),
    path("phieu/<int:pk>/chuyen/", views.sheet_move, name="move"),
]
