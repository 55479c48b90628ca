from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from config.favicon import favicon
from config.health import health

admin.site.site_header = _("Thi đua – Khen thưởng")
admin.site.site_title = _("Quản trị")
admin.site.index_title = _("Quản trị dữ liệu")

urlpatterns = [
    path("", include("emulation.auth_urls")),
    path("", include("emulation.urls")),
    path("chi-tieu/", include("emulation.targets.urls", namespace="targets")),
    path("khen-thuong/", include("awards.urls")),
    path("tai-lieu/", include("documents.urls")),
    path("giao-uoc/", include("emulation.pledges.urls")),
    path("bao-cao/thong-ke/", include("awards.statistics.urls")),
    path("bao-cao/", include("emulation.reports.urls")),
    path("cham-diem/", include("emulation.scoring.urls")),
    path("phong-trao/", include("emulation.movements.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("quan-tri/", admin.site.urls),
    path("api/", include("api.urls")),
    path("suc-khoe/", health, name="health"),
    path("favicon.ico", favicon, name="favicon"),
]
