"""The exchange document for the national thi đua–khen thưởng database (issue 19): one year of
one authority's commendation records, as JSON and as XML with the same content. English field
names, a Vietnamese description on each: the JSON schema and the XSD are derived from these
declarations (`api.national.schema_files`), and the OpenAPI document shows them as components.

Records refer to each other by keys local to the document (`ref`: "P1", "U1", "L1"), never by
the ids of the exporting database, so that the same records exported from another database
give the same document.

Plain pydantic models rather than ninja's `Schema`: these are built from dictionaries, never
from model instances, and `Schema` reads every field through a Django attribute getter, which
costs seconds on a year of a ward (tests/bench/bench_national_export.py)."""

import datetime
from decimal import Decimal

from pydantic import BaseModel, Field

FORMAT_NAME = "thidua-national-export"
FORMAT_VERSION = "1"
# The XML form's namespace (api.national.xml_form).
NAMESPACE = "urn:thidua:national-export:1"


class IdentityOut(BaseModel):
    valid_from: datetime.date = Field(description="Hiệu lực từ ngày")
    valid_to: datetime.date | None = Field(description="Đến ngày (trống: đang hiệu lực)")
    name: str = Field(description="Tên cơ quan, ví dụ Quận 1")
    level: str = Field(
        description="Cấp: province (tỉnh), district (quận, huyện), ward (phường), "
        "commune (xã), special_zone (đặc khu), department (sở, ngành), other (khác)"
    )
    superior_name: str = Field(description="Tên cơ quan cấp trên ở tiêu đề văn bản")
    issuer_name: str = Field(description="Tên cơ quan ban hành văn bản")
    issuer_symbol: str = Field(description="Chữ viết tắt trong số ký hiệu văn bản, ví dụ UBND")
    place_name: str = Field(description="Địa danh ghi trước ngày tháng văn bản")


class ExportAuthorityOut(BaseModel):
    code: str = Field(description="Mã cơ quan")
    identities: list[IdentityOut] = Field(description="Tên gọi, cấp của cơ quan theo thời kỳ")


class ExportUnitOut(BaseModel):
    ref: str = Field(description="Khóa của tập thể trong tài liệu, ví dụ U1")
    authority_code: str = Field(description="Mã cơ quan quản lý tập thể")
    code: str = Field(description="Mã đơn vị (ổn định, duy nhất trong cơ quan)")
    name: str = Field(description="Tên đơn vị")
    kind: str = Field(
        description="Loại đơn vị: ward (phường, xã), specialist_office (cơ quan chuyên môn), "
        "party_mass (khối Đảng, đoàn thể), school (trường học), health (y tế), public_service "
        "(sự nghiệp công lập), enterprise (doanh nghiệp), residential (khu phố), other (khác)"
    )


class ExportPostOut(BaseModel):
    unit_ref: str = Field(description="Khóa đơn vị công tác")
    position: str = Field(description="Chức vụ")
    category: str = Field(
        description="Ngạch, loại: official (cán bộ), civil_servant (công chức), public_employee "
        "(viên chức), worker (người lao động), part_time (không chuyên trách)"
    )
    start_date: datetime.date = Field(description="Từ ngày")
    end_date: datetime.date | None = Field(description="Đến ngày (trống: đang công tác)")


class ExportPersonOut(BaseModel):
    ref: str = Field(description="Khóa của cá nhân trong tài liệu, ví dụ P1")
    authority_code: str = Field(description="Mã cơ quan quản lý cá nhân")
    staff_code: str = Field(description="Mã cán bộ (ổn định, duy nhất trong cơ quan; có thể trống)")
    full_name: str = Field(description="Họ và tên")
    gender: str = Field(description="Giới tính: female (nữ), male (nam)")
    date_of_birth: datetime.date | None = Field(description="Ngày sinh")
    posts: list[ExportPostOut] = Field(
        description="Quá trình công tác trong năm (ngạch, loại vào ngày khen thưởng của biểu mẫu "
        "0603.N)"
    )


class ExportLineOut(BaseModel):
    ref: str = Field(description="Khóa của dòng quyết định trong tài liệu, ví dụ L1")
    award_code: str = Field(description="Mã danh hiệu, hình thức khen thưởng")
    award_name: str = Field(description="Tên danh hiệu, hình thức khen thưởng")
    subject_kind: str = Field(
        description="Đối tượng: individual (cá nhân), collective (tập thể), household (hộ gia đình)"
    )
    person_ref: str | None = Field(description="Khóa cá nhân được khen (nếu là cá nhân)")
    unit_ref: str | None = Field(description="Khóa tập thể được khen (nếu là tập thể)")
    household_name: str = Field(description="Tên hộ gia đình được khen (nếu là hộ gia đình)")
    proposing_unit_ref: str = Field(description="Khóa đơn vị đã đề nghị khen thưởng")
    achievement: str = Field(description="Thành tích")
    amount: Decimal | None = Field(description="Tiền thưởng (đồng)")


class ExportDecisionOut(BaseModel):
    reference: str = Field(description="Số, ký hiệu, ví dụ 01/QĐ-UBND")
    number: int | None = Field(description="Số trong sổ đăng ký văn bản")
    symbol: str = Field(description="Ký hiệu, ví dụ QĐ-UBND")
    number_year: int | None = Field(description="Năm đăng ký số")
    year: int = Field(description="Năm thành tích")
    title: str = Field(description="Trích yếu")
    status: str = Field(description="Tình trạng: signed (đã ký), revoked (đã hủy bỏ)")
    signed_on: datetime.date | None = Field(description="Ngày ký")
    signer_name: str = Field(description="Họ và tên người ký")
    signer_capacity: str = Field(
        description="Thẩm quyền ký: chair (Chủ tịch ký), deputy (Phó Chủ tịch ký thay)"
    )
    issuer_name: str = Field(description="Cơ quan ban hành vào ngày ký")
    issuer_level: str = Field(description="Cấp của cơ quan ban hành vào ngày ký")
    revoked_on: datetime.date | None = Field(description="Ngày hủy bỏ")
    revocation_reason: str = Field(description="Lý do hủy bỏ")
    base_salary: Decimal | None = Field(description="Mức lương cơ sở áp dụng (đồng)")
    total: Decimal = Field(description="Tổng tiền thưởng của quyết định (đồng)")
    lines: list[ExportLineOut] = Field(description="Các dòng khen thưởng")


class ExportTitleOut(BaseModel):
    person_ref: str | None = Field(description="Khóa cá nhân đạt danh hiệu (nếu là cá nhân)")
    unit_ref: str | None = Field(description="Khóa tập thể đạt danh hiệu (nếu là tập thể)")
    award_code: str = Field(description="Mã danh hiệu, hình thức khen thưởng")
    award_name: str = Field(description="Tên danh hiệu, hình thức khen thưởng")
    year: int = Field(description="Năm thành tích")
    decision_reference: str = Field(description="Số, ký hiệu quyết định")
    decided_on: datetime.date | None = Field(description="Ngày quyết định")
    issuer_level: str = Field(description="Cấp của cơ quan đã quyết định (ghi tay)")
    line_ref: str | None = Field(
        description="Khóa dòng quyết định của tài liệu này đã công nhận danh hiệu (nếu có)"
    )
    revoked: bool = Field(description="Đã hủy bỏ")


class ExportMilestoneOut(BaseModel):
    kind: str = Field(description="Loại: mid_year (sơ kết), year_end (tổng kết)")
    due_date: datetime.date = Field(description="Ngày tổ chức")
    reported_at: datetime.datetime | None = Field(description="Báo cáo lúc (trống: chưa báo cáo)")
    report: str = Field(description="Báo cáo")


class ExportMovementOut(BaseModel):
    name: str = Field(description="Tên phong trào thi đua")
    kind: str = Field(description="Loại: regular (thường xuyên), thematic (chuyên đề, đợt)")
    launched_by: str = Field(description="Cấp phát động")
    launch_date: datetime.date = Field(description="Ngày phát động")
    period_start: datetime.date = Field(description="Thời gian thực hiện từ ngày")
    period_end: datetime.date = Field(description="Thời gian thực hiện đến ngày")
    goals: str = Field(description="Mục tiêu, nội dung")
    unit_refs: list[str] = Field(description="Khóa các đơn vị tham gia")
    milestones: list[ExportMilestoneOut] = Field(description="Các mốc sơ kết, tổng kết")


class ExportLabelOut(BaseModel):
    key: str = Field(description="Khóa ổn định của dòng hoặc cột")
    label: str = Field(description="Tên dòng hoặc cột trong biểu mẫu")


class ExportRowOut(BaseModel):
    key: str = Field(description="Khóa của dòng")
    label: str = Field(description="Tên dòng")
    values: list[int] = Field(description="Số liệu theo thứ tự các cột")


class ExportFormOut(BaseModel):
    form: str = Field(description="Số hiệu biểu mẫu (TT 02/2023/TT-BNV), ví dụ 0603.N")
    title: str = Field(description="Tên biểu mẫu")
    columns: list[ExportLabelOut] = Field(description="Các cột")
    rows: list[ExportRowOut] = Field(description="Các dòng: số liệu riêng của cơ quan")
    total: list[int] = Field(description="Dòng tổng số, theo các cột")


class NationalExportOut(BaseModel):
    format: str = Field(description=f"Tên định dạng: {FORMAT_NAME}")
    format_version: str = Field(description=f"Phiên bản định dạng: {FORMAT_VERSION}")
    authority: ExportAuthorityOut = Field(description="Cơ quan có hồ sơ được xuất")
    year: int = Field(description="Năm thành tích")
    day: datetime.date = Field(description="Ngày lấy số liệu thống kê")
    units: list[ExportUnitOut] = Field(
        description="Tập thể được nhắc đến: được khen, đạt danh hiệu, đã đề nghị, là nơi công tác "
        "của cá nhân hoặc tham gia phong trào"
    )
    people: list[ExportPersonOut] = Field(description="Cá nhân được khen hoặc đạt danh hiệu")
    decisions: list[ExportDecisionOut] = Field(
        description="Quyết định khen thưởng đã ký hoặc đã hủy bỏ của năm thành tích"
    )
    titles: list[ExportTitleOut] = Field(
        description="Danh hiệu, hình thức khen thưởng đã đạt trong năm (quá trình khen thưởng)"
    )
    movements: list[ExportMovementOut] = Field(
        description="Phong trào thi đua cơ quan phát động trong năm (biểu mẫu 0601.N)"
    )
    statistics: list[ExportFormOut] = Field(
        description="Biểu mẫu thống kê 0601.N, 0603.N: số liệu riêng của cơ quan đến ngày lấy số "
        "liệu (cơ quan cấp trên tự cộng các cơ quan cấp dưới)"
    )
