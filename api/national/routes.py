"""The exchange document's operations under /api/v1/exports/: one year of an authority's
commendation records as JSON or as XML (the same content), for the national database. The
token, its scope, the rate limit and the call log are those of every other operation."""

from django.http import HttpRequest, HttpResponse
from ninja import Path, Query, Router

from api.national.document import national_export
from api.national.schemas import NAMESPACE, NationalExportOut
from api.routes import NOT_FOUND, YEAR_BOUNDS, chosen_authority

router = Router()

DESCRIPTION = (
    "Hồ sơ khen thưởng một năm thành tích của một cơ quan trong phạm vi mã truy cập: quyết định "
    "đã ký hoặc đã hủy bỏ với các dòng khen thưởng, người ký, cấp ban hành và tiền thưởng; cá "
    "nhân, tập thể được khen; danh hiệu đã đạt trong năm; biểu mẫu thống kê 0601.N, 0603.N của "
    "riêng cơ quan. Dạng JSON và dạng XML có cùng nội dung."
)


def _document(request: HttpRequest, year: int, authority: str | None) -> dict:
    return national_export(authority=chosen_authority(request, authority), year=year)


@router.get(
    "/exports/{year}.json",
    response={200: NationalExportOut, **NOT_FOUND},
    summary="Xuất dữ liệu cho Cơ sở dữ liệu quốc gia (JSON)",
    description=DESCRIPTION + " Lược đồ: NationalExportOut.",
)
def national_export_json(
    request: HttpRequest,
    year: int = Path(..., **YEAR_BOUNDS, description="Năm thành tích"),
    authority: str | None = Query(None, description="Mã cơ quan (mặc định: cơ quan của mã)"),
):
    return _document(request, year, authority)


@router.get(
    "/exports/{year}.xml",
    response=NOT_FOUND,
    summary="Xuất dữ liệu cho Cơ sở dữ liệu quốc gia (XML)",
    description=DESCRIPTION + f" Không gian tên {NAMESPACE}; lược đồ XSD: national_export.xsd.",
    openapi_extra={
        "responses": {
            "200": {
                "description": "Tài liệu XML theo lược đồ national_export.xsd",
                "content": {"application/xml": {"schema": {"type": "string"}}},
            }
        }
    },
)
def national_export_xml(
    request: HttpRequest,
    year: int = Path(..., **YEAR_BOUNDS, description="Năm thành tích"),
    authority: str | None = Query(None, description="Mã cơ quan (mặc định: cơ quan của mã)"),
):
    # Here: the URLconf imports this module in every web process; only this answer needs lxml.
    from api.national.xml_form import to_xml

    return HttpResponse(
        to_xml(_document(request, year, authority)), content_type="application/xml; charset=utf-8"
    )
