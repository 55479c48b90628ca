"""What the API answers: English field names, a Vietnamese description on every field (the
OpenAPI schema is read by the integrators of Vietnamese systems)."""

import datetime
from decimal import Decimal

from ninja import Field, Schema


class AuthorityOut(Schema):
    code: str = Field(description="Mã cơ quan")
    name: str = Field(description="Tên cơ quan vào ngày của bản ghi")


class DecisionLineOut(Schema):
    id: int = Field(description="Mã dòng quyết định")
    award_code: str = Field(description="Mã danh hiệu, hình thức khen thưởng")
    award_name: str = Field(description="Tên danh hiệu, hình thức khen thưởng")
    subject_kind: str = Field(
        description="Đối tượng: individual (cá nhân), collective (tập thể), household (hộ gia đình)"
    )
    person_id: int | None = Field(description="Mã cá nhân được khen (nếu là cá nhân)")
    person_name: str = Field(description="Họ và tên cá nhân được khen")
    unit_id: int | None = Field(description="Mã tập thể được khen (nếu là tập thể)")
    unit_name: str = Field(description="Tên tập thể được khen")
    household_name: str = Field(description="Tên hộ gia đình được khen")
    amount: Decimal | None = Field(description="Tiền thưởng (đồng)")


class DecisionOut(Schema):
    id: int = Field(description="Mã quyết định trong hệ thống")
    authority: AuthorityOut = Field(description="Cơ quan ban hành")
    reference: str = Field(description="Số, ký hiệu, ví dụ 01/QĐ-UBND")
    number_year: int | None = Field(description="Năm đăng ký số")
    year: int = Field(description="Năm thành tích")
    title: str = Field(description="Trích yếu")
    status: str = Field(description="Tình trạng: signed (đã ký), revoked (đã hủy bỏ)")
    signed_on: datetime.date | None = Field(description="Ngày ký")
    revoked_on: datetime.date | None = Field(description="Ngày hủy bỏ")
    base_salary: Decimal | None = Field(description="Mức lương cơ sở áp dụng (đồng)")
    total: Decimal = Field(description="Tổng tiền thưởng của quyết định (đồng)")
    lines: list[DecisionLineOut] = Field(description="Các dòng khen thưởng")


class DecisionPageOut(Schema):
    count: int = Field(description="Tổng số quyết định thỏa điều kiện lọc")
    items: list[DecisionOut] = Field(description="Các quyết định của trang")


class TitleHeldOut(Schema):
    award_code: str = Field(description="Mã danh hiệu, hình thức khen thưởng")
    award_name: str = Field(description="Tên danh hiệu, hình thức khen thưởng")
    year: int = Field(description="Năm thành tích")
    decision_reference: str = Field(description="Số, ký hiệu quyết định")
    decided_on: datetime.date | None = Field(description="Ngày quyết định")
    issuer_level: str = Field(description="Cấp của cơ quan đã quyết định")
    decision_id: int | None = Field(
        description="Mã quyết định trong hệ thống (nếu quyết định được ký trên hệ thống)"
    )
    revoked: bool = Field(description="Đã hủy bỏ")


class AwardHistoryOut(Schema):
    id: int = Field(description="Mã cá nhân hoặc tập thể")
    name: str = Field(description="Họ và tên cá nhân, hoặc tên tập thể")
    authority_code: str = Field(description="Mã cơ quan quản lý")
    titles: list[TitleHeldOut] = Field(description="Danh hiệu, hình thức khen thưởng đã đạt")


class LineOut(Schema):
    key: str = Field(description="Khóa ổn định của dòng hoặc cột")
    label: str = Field(description="Tên dòng hoặc cột trong biểu mẫu")


class StatisticsRowOut(Schema):
    key: str = Field(description="Khóa của dòng")
    label: str = Field(description="Tên dòng")
    values: list[int] = Field(description="Số liệu theo thứ tự các cột")


class StatisticsPartOut(Schema):
    authority: AuthorityOut = Field(description="Cơ quan cấp dưới")
    total: list[int] = Field(description="Dòng tổng số của cơ quan cấp dưới, theo các cột")


class StatisticsOut(Schema):
    form: str = Field(description="Số hiệu biểu mẫu (TT 02/2023/TT-BNV), ví dụ 0603.N")
    title: str = Field(description="Tên biểu mẫu")
    authority: AuthorityOut = Field(description="Cơ quan báo cáo")
    year: int = Field(description="Năm báo cáo")
    day: datetime.date = Field(description="Ngày lấy số liệu")
    columns: list[LineOut] = Field(description="Các cột")
    rows: list[StatisticsRowOut] = Field(
        description="Các dòng: số liệu của cơ quan, cộng cả cấp dưới nếu mã có phạm vi cây"
    )
    total: list[int] = Field(description="Dòng tổng số, theo các cột")
    parts: list[StatisticsPartOut] = Field(
        description="Số liệu từng cơ quan cấp dưới (chỉ với mã có phạm vi cây)"
    )


class TargetOut(Schema):
    id: int = Field(description="Mã chỉ tiêu trong hệ thống")
    code: str = Field(description="Mã chỉ tiêu")
    name: str = Field(description="Tên chỉ tiêu")
    group: str = Field(description="Nhóm chỉ tiêu")
    unit_id: int | None = Field(description="Mã đơn vị được giao (trống: chỉ tiêu của cơ quan)")
    unit_of_measure: str = Field(description="Đơn vị tính")
    direction: str = Field(description="Cách đánh giá (càng cao càng tốt, càng thấp càng tốt…)")
    plan_value: Decimal | None = Field(description="Kế hoạch")
    value: Decimal | None = Field(description="Thực hiện (số chính thức, nếu chưa có: ước tính)")
    is_estimate: bool = Field(description="Số thực hiện là số ước tính")
    ratio: Decimal | None = Field(
        description="Tỷ lệ hoàn thành (1 = 100 %), trống khi không xác định"
    )
    status: str = Field(
        description="Kết quả: exceeded (vượt), met (đạt), not_met (không đạt), "
        "no_data (chưa có số liệu)"
    )


class CertificateCheckOut(Schema):
    code: str = Field(description="Mã xác thực in trên giấy khen")
    version: int = Field(description="Lần cấp")
    issuer_name: str = Field(description="Cơ quan ban hành vào ngày ký quyết định")
    holder_name: str = Field(description="Người hoặc tập thể, hộ gia đình được khen")
    award_name: str = Field(description="Danh hiệu, hình thức khen thưởng")
    decision_id: int = Field(description="Mã quyết định trong hệ thống")
    decision_reference: str = Field(description="Số, ký hiệu quyết định")
    signed_on: datetime.date | None = Field(description="Ngày ký quyết định")
    valid: bool = Field(
        description="Còn hiệu lực: quyết định chưa bị hủy bỏ và giấy chưa được thay bằng bản "
        "đính chính"
    )
    replaced_by: str | None = Field(description="Mã xác thực của bản đính chính đang có hiệu lực")


class DecisionCheckOut(Schema):
    id: int = Field(description="Mã quyết định trong hệ thống")
    reference: str = Field(description="Số, ký hiệu")
    number_year: int | None = Field(description="Năm đăng ký số")
    issuer_name: str = Field(description="Cơ quan ban hành vào ngày ký")
    title: str = Field(description="Trích yếu")
    signed_on: datetime.date | None = Field(description="Ngày ký")
    in_force: bool = Field(description="Còn hiệu lực (chưa bị hủy bỏ)")
    line_count: int = Field(description="Số dòng khen thưởng (không công bố thông tin cá nhân)")
    file_sha256: list[str] = Field(description="SHA-256 của từng tệp quyết định đã phát hành")


class ErrorOut(Schema):
    detail: str = Field(description="Thông báo lỗi")
