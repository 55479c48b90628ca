"""Imports of the records the rules read besides titles: initiatives (sáng kiến, E-04, E-06),
disciplinary measures (kỷ luật, E-02, E-07, E-08) and each unit's own yearly rating (xếp loại
tập thể, E-07, E-08). Registered with `emulation.imports` in `AwardsConfig.ready()`.

People are found by staff code and units by unit code (`import_subjects`); a record is matched
by a key the file carries: an initiative by (staff code, recognition decision number), a
disciplinary measure by (staff code, decision date), a rating by (unit code, year).
"""

from abc import abstractmethod

from django.utils.translation import gettext_lazy

from awards.enums import DisciplineLevel, DutyRating, InitiativeLevel
from awards.models import Discipline, Initiative, UnitYear
from awards.records.import_subjects import found_by_code, people_by_code, units_by_code
from config import clock
from emulation.imports import cells
from emulation.imports.engine import Column, ImportKind, Plan, Row

BATCH = 1_000
EARLIEST_YEAR = 1990


def _labels(choices) -> dict[str, str]:
    return {value: str(label) for value, label in choices.choices}


INITIATIVE_LEVELS = _labels(InitiativeLevel)
DISCIPLINE_LEVELS = _labels(DisciplineLevel)
RATINGS = _labels(DutyRating)
STAFF_CODE = Column("staff_code", "Mã cán bộ", required=True)
PERSON_NAME = Column("name", "Họ và tên")


class _PersonRecords(ImportKind):
    """A kind whose rows are records of a person: `model`, the fields a row may change and
    the stored key of a record (besides the person)."""

    model = None
    fields: tuple[str, ...] = ()
    key_field = ""

    def load(self, authority, rows: list[Row]) -> dict:
        people = people_by_code(authority)
        code_of = {pk: code for code, (pk, _name) in people.items()}
        records = {}
        for record in self.model.objects.filter(person__authority=authority).order_by("pk"):
            code = code_of.get(record.person_id)
            if code:
                records.setdefault((code, getattr(record, self.key_field)), record)
        return {"people": people, "records": records}

    def count(self, authority) -> int:
        return self.model.objects.filter(person__authority=authority).count()

    def parse(self, row: Row, context):
        values = self.read_values(row)
        if row.issues:
            return None
        code, name = values["staff_code"], values["name"]
        if found_by_code(row, context["people"], code, "staff_code", name) is None:
            return None
        key = (code, values[self.key_field])
        stored = context["records"].get(key)
        before = None
        if stored is not None:
            before = values | {field: getattr(stored, field) for field in self.fields}
        return key, values, before

    def write(self, *, authority, plan: Plan) -> None:
        context = plan.context
        self.model.objects.bulk_create(
            (
                self.model(
                    person_id=context["people"][row.values["staff_code"]][0],
                    **{field: row.values[field] for field in self.fields},
                )
                for row in plan.creates
            ),
            batch_size=BATCH,
        )
        changed = []
        for row in plan.changes:
            record = context["records"][row.key]
            for field in self.fields:
                setattr(record, field, row.values[field])
            changed.append(record)
        self.model.objects.bulk_update(changed, self.fields, batch_size=BATCH)

    def export_rows(self, authority):
        people = {pk: (code, name) for code, (pk, name) in people_by_code(authority).items()}
        records = self.model.objects.filter(person__authority=authority).order_by(
            "person__full_name", self.key_field, "pk"
        )
        for record in records:
            if record.person_id in people:
                yield [*people[record.person_id], *self.export_values(record)]

    @abstractmethod
    def read_values(self, row: Row) -> dict:
        """The record's own cells of `row`, parsed (refused cells recorded on the row)."""

    @abstractmethod
    def export_values(self, record) -> list:
        """The record's own cells, in the template's column order."""


class InitiativesImport(_PersonRecords):
    slug = "sang-kien"
    title = gettext_lazy("Sáng kiến")
    help_text = gettext_lazy(
        "Sáng kiến, đề tài đã được công nhận, theo mã cán bộ và số quyết định công nhận; cấp "
        "công nhận dùng để xét Chiến sĩ thi đua cơ sở và cấp tỉnh."
    )
    sheet_title = "Sang kien"
    order = 40
    model = Initiative
    fields = ("title", "level", "decision_number", "recognised_on")
    key_field = "decision_number"
    columns = (
        STAFF_CODE,
        PERSON_NAME,
        Column("decision_number", "Số quyết định công nhận", required=True),
        Column("title", "Tên sáng kiến", required=True),
        Column("level", "Cấp công nhận", required=True, labels=INITIATIVE_LEVELS),
        Column("recognised_on", "Ngày công nhận", required=True, is_date=True),
    )

    def read_values(self, row: Row) -> dict:
        return {
            "staff_code": row.text("staff_code", 30),
            "name": row.text("name", 120),
            "decision_number": row.text("decision_number", 60),
            "title": row.text("title", 300),
            "level": row.choice("level"),
            "recognised_on": row.date("recognised_on"),
        }

    def export_values(self, record) -> list:
        return [
            record.decision_number,
            record.title,
            INITIATIVE_LEVELS.get(record.level, record.level),
            cells.shown(record.recognised_on),
        ]


class DisciplinesImport(_PersonRecords):
    slug = "ky-luat"
    title = gettext_lazy("Kỷ luật")
    help_text = gettext_lazy(
        "Hình thức kỷ luật theo mã cán bộ và ngày quyết định; năm bị kỷ luật không xét danh "
        "hiệu cá nhân, từ cảnh cáo trở lên không xét danh hiệu tập thể."
    )
    sheet_title = "Ky luat"
    order = 50
    model = Discipline
    fields = ("level", "decided_on", "decision_number")
    key_field = "decided_on"
    columns = (
        STAFF_CODE,
        PERSON_NAME,
        Column("decided_on", "Ngày quyết định", required=True, is_date=True),
        Column("level", "Hình thức kỷ luật", required=True, labels=DISCIPLINE_LEVELS),
        Column("decision_number", "Số quyết định"),
    )

    def read_values(self, row: Row) -> dict:
        return {
            "staff_code": row.text("staff_code", 30),
            "name": row.text("name", 120),
            "decided_on": row.date("decided_on"),
            "level": row.choice("level"),
            "decision_number": row.text("decision_number", 60),
        }

    def export_values(self, record) -> list:
        return [
            cells.shown(record.decided_on),
            DISCIPLINE_LEVELS.get(record.level, record.level),
            record.decision_number,
        ]


class UnitRatingsImport(ImportKind):
    slug = "xep-loai-tap-the"
    title = gettext_lazy("Xếp loại tập thể")
    help_text = gettext_lazy(
        "Kết quả xếp loại hằng năm của mỗi đơn vị (hoàn thành xuất sắc, tốt… nhiệm vụ), theo "
        "mã đơn vị và năm; dùng để xét Tập thể lao động tiên tiến, xuất sắc."
    )
    sheet_title = "Xep loai tap the"
    order = 60
    columns = (
        Column("unit_code", "Mã đơn vị", required=True),
        Column("name", "Tên đơn vị"),
        Column("year", "Năm", required=True),
        Column("duty_rating", "Xếp loại", required=True, labels=RATINGS),
    )

    def count(self, authority) -> int:
        return UnitYear.objects.filter(unit__authority=authority).count()

    def load(self, authority, rows: list[Row]) -> dict:
        return {
            "units": units_by_code(authority),
            "ratings": {
                (rating.unit.code, rating.year): rating
                for rating in UnitYear.objects.filter(unit__authority=authority).select_related(
                    "unit"
                )
            },
            "this_year": clock.today().year,
        }

    def parse(self, row: Row, context):
        values = {
            "unit_code": row.text("unit_code", 30),
            "name": row.text("name", 200),
            "year": row.whole_number("year", low=EARLIEST_YEAR, high=context["this_year"]),
            "duty_rating": row.choice("duty_rating"),
        }
        if row.issues:
            return None
        code = values["unit_code"]
        if found_by_code(row, context["units"], code, "unit_code", values["name"]) is None:
            return None
        key = (code, values["year"])
        stored = context["ratings"].get(key)
        before = values | {"duty_rating": stored.duty_rating} if stored else None
        return key, values, before

    def write(self, *, authority, plan: Plan) -> None:
        context = plan.context
        UnitYear.objects.bulk_create(
            (
                UnitYear(
                    unit_id=context["units"][row.values["unit_code"]][0],
                    year=row.values["year"],
                    duty_rating=row.values["duty_rating"],
                )
                for row in plan.creates
            ),
            batch_size=BATCH,
        )
        changed = []
        for row in plan.changes:
            rating = context["ratings"][row.key]
            rating.duty_rating = row.values["duty_rating"]
            changed.append(rating)
        UnitYear.objects.bulk_update(changed, ["duty_rating"], batch_size=BATCH)

    def export_rows(self, authority):
        ratings = UnitYear.objects.filter(unit__authority=authority).select_related("unit")
        for rating in ratings.order_by("year", "unit__sort_order", "unit__name"):
            yield [
                rating.unit.code,
                rating.unit.name,
                rating.year,
                RATINGS.get(rating.duty_rating, rating.duty_rating),
            ]
