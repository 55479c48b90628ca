"""The Excel template of actual values: one column list serves the export and the import, so
the exported file *is* the import template (same columns, Vietnamese headers, one sheet).

Export goes through django-import-export (a `Resource` with an explicit column allowlist, D7);
the file is written by the one spreadsheet writer (`emulation.spreadsheets.xlsx_bytes`), which
gives every text cell that a spreadsheet could run as a formula (= + - @ tab CR) a leading
apostrophe, whichever field or `dehydrate_` method made it (D1, D2). The import reads the same
columns (`emulation.targets.import_rows`); the columns it does not write (names, unit of
measure, plan) must come back as they were exported, or the file is refused cell by cell.
"""

from django.utils.translation import gettext_lazy as _
from import_export import fields, resources, widgets

from emulation.spreadsheets import Sheet, xlsx_bytes
from emulation.targets.enums import ValueKind

SHEET_TITLE = "So lieu chi tieu"


class Column:
    UNIT_CODE = "unit_code"
    UNIT_NAME = "unit_name"
    YEAR = "year"
    PERIOD = "period"
    VALUE_KIND = "value_kind"
    TARGET_CODE = "target_code"
    TARGET_NAME = "target_name"
    UNIT_OF_MEASURE = "unit_of_measure"
    PLAN = "plan"
    VALUE = "value"
    REASON = "reason"


# Column key → header, in file order. Headers are part of the file format: they stay
# Vietnamese whatever the interface language.
HEADERS = {
    Column.UNIT_CODE: "Mã đơn vị",
    Column.UNIT_NAME: "Tên đơn vị",
    Column.YEAR: "Năm",
    Column.PERIOD: "Kỳ",
    Column.VALUE_KIND: "Loại số liệu",
    Column.TARGET_CODE: "Mã chỉ tiêu",
    Column.TARGET_NAME: "Tên chỉ tiêu",
    Column.UNIT_OF_MEASURE: "Đơn vị tính",
    Column.PLAN: "Kế hoạch",
    Column.VALUE: "Thực hiện",
    Column.REASON: "Lý do thay đổi",
}
COLUMN_LABELS = {
    Column.UNIT_CODE: _("Mã đơn vị"),
    Column.UNIT_NAME: _("Tên đơn vị"),
    Column.YEAR: _("Năm"),
    Column.PERIOD: _("Kỳ"),
    Column.VALUE_KIND: _("Loại số liệu"),
    Column.TARGET_CODE: _("Mã chỉ tiêu"),
    Column.TARGET_NAME: _("Tên chỉ tiêu"),
    Column.UNIT_OF_MEASURE: _("Đơn vị tính"),
    Column.PLAN: _("Kế hoạch"),
    Column.VALUE: _("Thực hiện"),
    Column.REASON: _("Lý do thay đổi"),
}
# Period and kind are written with their Vietnamese labels; the import also takes the codes.
PERIOD_LABELS = {
    "Quý I": "q1",
    "Quý II": "q2",
    "6 tháng": "h1",
    "Quý III": "q3",
    "9 tháng": "m9",
    "Quý IV": "q4",
    "Cả năm": "year",
}
PERIOD_NAMES = {code: label for label, code in PERIOD_LABELS.items()}
KIND_LABELS = {"Ước thực hiện": ValueKind.ESTIMATE.value, "Chính thức": ValueKind.OFFICIAL.value}
KIND_NAMES = {code: label for label, code in KIND_LABELS.items()}


class TextWidget(widgets.Widget):
    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value)


class NumberWidget(widgets.Widget):
    """Numbers stay numeric cells (Excel shows them in the reader's own format)."""

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else value


class ActualTemplateResource(resources.Resource):
    """Rows of the template: one target with its value for the chosen period and kind.

    Export-only: the targets and the `actual_value` annotation come from
    `selectors.export_rows`; `period` and `value_kind` are given to the constructor.
    """

    unit_code = fields.Field(column_name=HEADERS[Column.UNIT_CODE], widget=TextWidget())
    unit_name = fields.Field(column_name=HEADERS[Column.UNIT_NAME], widget=TextWidget())
    year = fields.Field(
        attribute="year",
        column_name=HEADERS[Column.YEAR],
        widget=NumberWidget(),
    )
    period = fields.Field(column_name=HEADERS[Column.PERIOD], widget=TextWidget())
    value_kind = fields.Field(column_name=HEADERS[Column.VALUE_KIND], widget=TextWidget())
    target_code = fields.Field(
        attribute="code", column_name=HEADERS[Column.TARGET_CODE], widget=TextWidget()
    )
    target_name = fields.Field(
        attribute="name", column_name=HEADERS[Column.TARGET_NAME], widget=TextWidget()
    )
    unit_of_measure = fields.Field(
        attribute="unit_of_measure",
        column_name=HEADERS[Column.UNIT_OF_MEASURE],
        widget=TextWidget(),
    )
    plan = fields.Field(
        attribute="plan_value",
        column_name=HEADERS[Column.PLAN],
        widget=NumberWidget(),
    )
    value = fields.Field(
        attribute="actual_value",
        column_name=HEADERS[Column.VALUE],
        widget=NumberWidget(),
    )
    reason = fields.Field(column_name=HEADERS[Column.REASON], widget=TextWidget())

    class Meta:
        fields = tuple(HEADERS)
        export_order = tuple(HEADERS)

    def __init__(self, *, period: str, value_kind: str):
        super().__init__()
        self.period_name = PERIOD_NAMES[period]
        self.kind_name = KIND_NAMES[value_kind]

    def dehydrate_unit_code(self, target) -> str:
        return target.unit.code if target.unit_id else ""

    def dehydrate_unit_name(self, target) -> str:
        return target.unit.name if target.unit_id else ""

    def dehydrate_period(self, target) -> str:
        return self.period_name

    def dehydrate_value_kind(self, target) -> str:
        return self.kind_name

    def dehydrate_reason(self, target) -> str:
        return ""


def export_xlsx(targets, *, period: str, value_kind: str) -> bytes:
    """The template filled with `targets` (from `selectors.export_rows`) as xlsx bytes."""
    dataset = ActualTemplateResource(period=period, value_kind=value_kind).export(targets)
    # Not `XLSX().export_data()`: with IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT it turns every
    # cell into text (numbers included) and deletes a leading "=".
    return xlsx_bytes([Sheet(SHEET_TITLE, [dataset.headers, *dataset])])
