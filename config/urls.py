from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Thi đua – Khen thưởng"
admin.site.site_title = "Quản trị"
admin.site.index_title = "Quản trị dữ liệu"

urlpatterns = [
    path("", include("emulation.urls")),
    path("tai-lieu/", include("documents.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("quan-tri/", admin.site.urls),
]

