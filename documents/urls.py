from django.urls import path

from documents import views

app_name = "documents"
urlpatterns = [
    path("", views.job_list, name="job_list"),
    path("<int:pk>/", views.job_detail, name="job_detail"),
    path(
        "<int:pk>/trang-thai/",
        views.job_detail,
        {"template_name": "documents/partials/job_status.html"},
        name="job_status",
    ),
    path("<int:pk>/tai-ve/", views.job_download, name="job_download"),
    path("<int:pk>/chay-lai/", views.job_retry, name="job_retry"),
]
