"""The read API (issue 19) for the systems around the product: the national thi đua–khen
thưởng database, the province's document exchange (LGSP), HR systems.

Built with django-ninja rather than Django REST framework: the schemas and the OpenAPI
document come from the type hints of the operations and of pydantic schemas (one declaration,
no serializer classes beside them), it is plain Django underneath (URL patterns, requests,
the ORM, the cache and the middleware the product already has), and it is small: a read-only
API with bearer tokens needs none of DRF's viewsets, routers, browsable API or permission
classes.

Versioned under /api/v1/ (a breaking change becomes /api/v2/ beside it); the OpenAPI document
at /api/v1/openapi.json; its page at /api/docs/ is Swagger UI from the assets that the
django-ninja package ships in its static folder, found by STATICFILES_DIRS and served by
WhiteNoise like the product's own: no CDN, as on the intranets the product runs on. `ninja` is
not an installed app (it would import pydantic in every process, the Celery worker's
included, about 10 MB); the page is the project's own template. Read-only: every operation is
a GET; any other method answers 405.
"""

from django.http import Http404, HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError

from api.access import ClientToken, RateLimited
from api.national.routes import router as national_router
from api.routes import router
from api.urls import API_TITLE

api = NinjaAPI(
    title=API_TITLE,
    version="1",
    description="Dữ liệu quyết định khen thưởng, quá trình khen thưởng, biểu mẫu thống kê, chỉ "
    "tiêu và xác thực giấy khen, quyết định, cho các hệ thống kết nối. Mỗi hệ thống dùng mã truy "
    "cập riêng do quản trị viên cấp (`Authorization: Bearer <mã>`).",
    auth=ClientToken(),
    urls_namespace="api",
    docs_url=None,
    openapi_url="/openapi.json",
)
api.add_router("/", router)
api.add_router("/", national_router)


def _refusal(request: HttpRequest, detail: str, status: int) -> JsonResponse:
    return api.create_response(request, {"detail": detail}, status=status)


@api.exception_handler(AuthenticationError)
def unauthorized(request: HttpRequest, exc: AuthenticationError) -> JsonResponse:
    return _refusal(request, _("Thiếu mã truy cập, mã không đúng hoặc đã bị thu hồi."), 401)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> JsonResponse:
    """Whether the record does not exist or lies outside the token's scope, the answer is the
    same."""
    return _refusal(request, _("Không tìm thấy trong phạm vi của mã truy cập."), 404)


@api.exception_handler(RateLimited)
def rate_limited(request: HttpRequest, exc: RateLimited) -> JsonResponse:
    return _refusal(request, _("Quá nhiều yêu cầu trong một phút. Hãy thử lại sau ít phút."), 429)


# The operations under /api/v1/, mounted by api/urls.py when the API is first used.
urlpatterns = api.urls[0]
