"""The operations of the read API, version 1. Each reads through the product's selectors and
evaluation code, limited to the authorities of the token's scope: anything outside it is not
found (404), as on the product's pages."""

import datetime

from django.db.models import Prefetch
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Path, Query, Router
from ninja.errors import HttpError

from api import schemas
from api.access import scope_ids
from api.enums import TokenScope
from awards.certificates.selectors import certificate_by_code, replacement_of
from awards.decisions.verification import REFERENCE, find_decisions
from awards.enums import DecisionStatus
from awards.models import Decision, DecisionLine, TitleHeld
from awards.statistics.figures import FORMS, Period
from awards.statistics.province import statistics
from config import clock
from emulation.models import Authority, Person, Unit
from emulation.targets.selectors import year_verdicts

router = Router()
# Every operation may refuse the token (401) or the rate (429); those naming an object, 404.
REFUSED = {401: schemas.ErrorOut, 429: schemas.ErrorOut}
NOT_FOUND = {404: schemas.ErrorOut, **REFUSED}


def _name_on(authority: Authority, day: datetime.date | None) -> str:
    """The authority's name on `day` from its prefetched identities (no query)."""
    day = day or clock.today()
    valid = [
        identity
        for identity in authority.identities.all()
        if identity.valid_from <= day and (identity.valid_to is None or identity.valid_to >= day)
    ]
    return max(valid, key=lambda identity: identity.valid_from).name if valid else authority.code


def _authority_out(authority: Authority, day: datetime.date | None = None) -> dict:
    return {"code": authority.code, "name": _name_on(authority, day)}


def chosen_authority(request: HttpRequest, code: str | None) -> Authority:
    """The authority named by `code` if the scope reaches it, else the client's own."""
    client = request.auth
    if not code:
        return client.authority
    authority = Authority.objects.filter(code=code).prefetch_related("identities").first()
    if authority is None or authority.pk not in scope_ids(client):
        raise Http404
    return authority


def _decisions(ids: set[int]):
    """Signed and revoked decisions of the authorities `ids` with what the answer shows."""
    lines = DecisionLine.objects.select_related(
        "nomination_line__award", "nomination_line__person", "nomination_line__subject_unit"
    ).order_by("pk")
    return (
        Decision.objects.filter(authority_id__in=ids)
        .exclude(status=DecisionStatus.DRAFT)
        .select_related("authority")
        .prefetch_related("authority__identities", Prefetch("lines", queryset=lines))
        .order_by("-signed_on", "-pk")
    )


def _decision_out(decision: Decision) -> dict:
    lines = []
    for line in decision.lines.all():
        nominated = line.nomination_line
        lines.append(
            {
                "id": line.pk,
                "award_code": nominated.award.code,
                "award_name": nominated.award.name,
                "subject_kind": nominated.subject_kind,
                "person_id": nominated.person_id,
                "person_name": nominated.person.full_name if nominated.person else "",
                "unit_id": nominated.subject_unit_id,
                "unit_name": nominated.subject_unit.name if nominated.subject_unit else "",
                "household_name": nominated.household_name,
                "amount": line.amount,
            }
        )
    return {
        "id": decision.pk,
        "authority": _authority_out(decision.authority, decision.signed_on),
        "reference": decision.reference,
        "number_year": decision.number_year,
        "year": decision.year,
        "title": decision.title,
        "status": decision.status,
        "signed_on": decision.signed_on,
        "revoked_on": decision.revoked_on,
        "base_salary": decision.base_salary,
        "total": decision.total,
        "lines": lines,
    }


# Years as the product's forms take them; a number beyond reaches no query (422).
MIN_YEAR, MAX_YEAR = 2000, 2100
YEAR_BOUNDS = {"ge": MIN_YEAR, "le": MAX_YEAR}
PAGE_SIZE = 100
MAX_PAGE_SIZE = 500


@router.get(
    "/decisions",
    response={200: schemas.DecisionPageOut, **REFUSED},
    summary="Danh sách quyết định khen thưởng",
    description="Các quyết định đã ký hoặc đã hủy bỏ của các cơ quan trong phạm vi mã truy cập, "
    "với các dòng khen thưởng và tiền thưởng, mới nhất trước; lọc theo năm thành tích; từng "
    f"trang (limit, offset), mỗi trang tối đa {MAX_PAGE_SIZE} quyết định.",
)
def decisions(
    request: HttpRequest,
    year: int | None = Query(None, **YEAR_BOUNDS, description="Năm thành tích"),
    limit: int = Query(
        PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description="Số quyết định tối đa của trang"
    ),
    offset: int = Query(
        0, ge=0, le=2**31 - 1, description="Bỏ qua bao nhiêu quyết định đầu danh sách"
    ),
):
    found = _decisions(scope_ids(request.auth))
    if year is not None:
        found = found.filter(year=year)
    return {
        "count": found.count(),
        "items": [_decision_out(decision) for decision in found[offset : offset + limit]],
    }


@router.get(
    "/decisions/{decision_id}",
    response={200: schemas.DecisionOut, **NOT_FOUND},
    summary="Một quyết định khen thưởng",
    description="Quyết định với các dòng khen thưởng và tiền thưởng; ngoài phạm vi: 404.",
)
def decision(
    request: HttpRequest, decision_id: int = Path(..., description="Mã quyết định trong hệ thống")
):
    return _decision_out(get_object_or_404(_decisions(scope_ids(request.auth)), pk=decision_id))


def _titles(holder_filter: dict) -> list[dict]:
    held = (
        TitleHeld.objects.filter(**holder_filter)
        .select_related("award", "decision_line")
        .order_by("-year", "award__sort_order", "pk")
    )
    return [
        {
            "award_code": title.award.code,
            "award_name": title.award.name,
            "year": title.year,
            "decision_reference": title.decision_reference,
            "decided_on": title.decided_on,
            "issuer_level": title.issuer_level,
            "decision_id": title.decision_line.decision_id if title.decision_line else None,
            "revoked": title.revoked,
        }
        for title in held
    ]


@router.get(
    "/people/{person_id}/awards",
    response={200: schemas.AwardHistoryOut, **NOT_FOUND},
    summary="Quá trình khen thưởng của một cá nhân",
    description="Danh hiệu, hình thức khen thưởng cá nhân đã đạt, mới nhất trước.",
)
def person_awards(
    request: HttpRequest, person_id: int = Path(..., description="Mã cá nhân trong hệ thống")
):
    return _history_of(request, Person.objects, person_id, name="full_name", key="person")


@router.get(
    "/units/{unit_id}/awards",
    response={200: schemas.AwardHistoryOut, **NOT_FOUND},
    summary="Quá trình khen thưởng của một tập thể",
    description="Danh hiệu, hình thức khen thưởng tập thể đã đạt, mới nhất trước.",
)
def unit_awards(
    request: HttpRequest, unit_id: int = Path(..., description="Mã tập thể trong hệ thống")
):
    return _history_of(request, Unit.objects, unit_id, name="name", key="unit")


def _history_of(request: HttpRequest, objects, pk: int, *, name: str, key: str) -> dict:
    """A person's or a unit's award history, when it belongs to the token's scope (404
    otherwise)."""
    subject = get_object_or_404(
        objects.select_related("authority"), pk=pk, authority_id__in=scope_ids(request.auth)
    )
    return {
        "id": subject.pk,
        "name": getattr(subject, name),
        "authority_code": subject.authority.code,
        "titles": _titles({key: subject}),
    }


@router.get(
    "/statistics/{form}",
    response={200: schemas.StatisticsOut, **NOT_FOUND},
    summary="Biểu mẫu thống kê 0601.N, 0603.N",
    description="Biểu mẫu thống kê của một cơ quan trong phạm vi cho một năm, đến một ngày. "
    "Mã phạm vi cây cộng cả các cơ quan cấp dưới và trả số liệu từng cơ quan; mã phạm vi "
    "một cơ quan chỉ trả số liệu của riêng cơ quan đó.",
)
def statistics_form(
    request: HttpRequest,
    form: str = Path(..., description="Biểu mẫu: 0601 (0601.N) hoặc 0603 (0603.N)"),
    year: int | None = Query(None, **YEAR_BOUNDS, description="Năm báo cáo (mặc định: năm nay)"),
    day: datetime.date | None = Query(
        None, description="Ngày lấy số liệu, trong năm báo cáo (mặc định: 31/12 hoặc hôm nay)"
    ),
    authority: str | None = Query(None, description="Mã cơ quan (mặc định: cơ quan của mã)"),
):
    slug = form.removesuffix(".N")
    if slug not in FORMS:
        raise Http404
    today = clock.today()
    year = year or (day.year if day else today.year)
    day = day or min(today, datetime.date(year, 12, 31))
    if day.year != year:
        raise HttpError(422, _("Ngày lấy số liệu phải thuộc năm báo cáo."))
    chosen = chosen_authority(request, authority)
    result = statistics(slug, chosen, Period(year, day))
    tree = request.auth.scope == TokenScope.TREE
    table = result.total if tree else result.own
    parts = result.parts if tree else ()
    named = {
        authority_obj.pk: _authority_out(authority_obj, day)
        for authority_obj in Authority.objects.filter(
            pk__in=[chosen.pk, *(part.authority.pk for part in parts)]
        ).prefetch_related("identities")
    }
    spec = result.spec
    return {
        "form": spec.code,
        "title": str(spec.title),
        "authority": named[chosen.pk],
        "year": year,
        "day": day,
        "columns": [{"key": column.key, "label": str(column.label)} for column in spec.columns],
        "rows": [
            {"key": row.key, "label": str(row.label), "values": values}
            for row, values in table.rows_with_values()
        ],
        "total": table.total_values(),
        "parts": [
            {"authority": named[part.authority.pk], "total": part.table.total_values()}
            for part in parts
        ],
    }


@router.get(
    "/targets",
    response={200: list[schemas.TargetOut], **NOT_FOUND},
    summary="Chỉ tiêu của một năm và kết quả đánh giá",
    description="Các chỉ tiêu của cơ quan (của cơ quan và của từng đơn vị; chỉ tiêu nhóm không "
    "tính) với số thực hiện cả năm và kết quả đánh giá như trên trang tổng hợp chỉ tiêu.",
)
def targets(
    request: HttpRequest,
    year: int = Query(..., **YEAR_BOUNDS, description="Năm của chỉ tiêu"),
    authority: str | None = Query(None, description="Mã cơ quan (mặc định: cơ quan của mã)"),
):
    chosen = chosen_authority(request, authority)
    return [
        {
            "id": row.id,
            "code": row.code,
            "name": row.name,
            "group": row.group,
            "unit_id": row.unit_id,
            "unit_of_measure": row.unit_of_measure,
            "direction": row.direction,
            "plan_value": row.plan_value,
            "value": row.value,
            "is_estimate": row.is_estimate,
            "ratio": row.evaluation.ratio,
            "status": row.status,
        }
        for row in year_verdicts(authority_id=chosen.pk, year=year)
    ]


@router.get(
    "/verify/certificates/{code}",
    response={200: schemas.CertificateCheckOut, **NOT_FOUND},
    summary="Xác thực giấy khen theo mã",
    description="Giấy khen theo mã xác thực in trên giấy: ai được khen, theo quyết định nào, "
    "còn hiệu lực hay không.",
)
def verify_certificate(
    request: HttpRequest, code: str = Path(..., description="Mã xác thực in trên giấy khen")
):
    certificate = certificate_by_code(code)
    if certificate is None or certificate.authority_id not in scope_ids(request.auth):
        raise Http404
    line = certificate.decision_line.nomination_line
    decision = certificate.decision_line.decision
    identity = certificate.authority.identity_on(decision.signed_on) if decision.signed_on else None
    replacement = replacement_of(certificate)
    holder = line.person.full_name if line.person else ""
    holder = holder or (line.subject_unit.name if line.subject_unit else line.household_name)
    return {
        "code": certificate.code,
        "version": certificate.version,
        "issuer_name": identity.issuer_name if identity else str(certificate.authority),
        "holder_name": holder,
        "award_name": line.award.name,
        "decision_id": decision.pk,
        "decision_reference": decision.reference,
        "signed_on": decision.signed_on,
        "valid": decision.status == DecisionStatus.SIGNED and replacement is None,
        "replaced_by": replacement.code if replacement else None,
    }


@router.get(
    "/verify/decisions",
    response={200: list[schemas.DecisionCheckOut], **NOT_FOUND},
    summary="Xác thực quyết định theo số, ký hiệu và năm",
    description="Các quyết định trong phạm vi có số, ký hiệu và năm này (không công bố thông tin "
    "cá nhân), với SHA-256 của các tệp đã phát hành để đối chiếu tệp đang có.",
)
def verify_decision(
    request: HttpRequest,
    reference: str = Query(..., description="Số, ký hiệu, ví dụ 01/QĐ-UBND"),
    year: int = Query(..., **YEAR_BOUNDS, description="Năm ban hành"),
):
    match = REFERENCE.match(reference)
    if match is None:
        raise Http404
    ids = scope_ids(request.auth)
    found = find_decisions(reference=(int(match.group(1)), match.group(2).upper()), year=year)
    return [
        {
            "id": decision.pk,
            "reference": decision.reference,
            "number_year": decision.number_year,
            "issuer_name": decision.issuer_name,
            "title": decision.title,
            "signed_on": decision.signed_on,
            "in_force": decision.status == DecisionStatus.SIGNED,
            "line_count": decision.line_count,
            "file_sha256": [job.result_sha256 for job in decision.issued],
        }
        for decision in found
        if decision.authority_id in ids
    ]
