"""The people import (cán bộ và quá trình công tác): one row per employment period, the person
found by the staff code the ward controls (mã cán bộ; a ward may use the ID number as its
code), never by name: two people of the same name in one unit are two codes.

A person with two periods (a transfer) has two rows with the same code; their personal cells
must agree. A row without a unit code carries the person only. A period is matched by
(person, unit, start date): a changed end date, position or category changes it, a changed
start date is a new period.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from emulation.enums import Gender, StaffCategory
from emulation.imports import cells
from emulation.imports.engine import Column, ImportKind, Plan, Row
from emulation.models import Employment, Person, Unit, normalize_text

BATCH = 1_000
GENDER_LABELS = {value: str(label) for value, label in Gender.choices}
CATEGORY_LABELS = {value: str(label) for value, label in StaffCategory.choices}
PERSON_FIELDS = ("full_name", "gender", "date_of_birth", "email")
PERIOD_FIELDS = ("position", "category", "end_date")


class Context:
    def __init__(self, authority):
        self.people = {
            person.staff_code: person
            for person in Person.objects.filter(authority=authority).exclude(staff_code="")
        }
        self.units = dict(Unit.objects.filter(authority=authority).values_list("code", "pk"))
        self.code_of_unit = {pk: code for code, pk in self.units.items()}
        self.periods = {
            (period.person_id, period.unit_id, period.start_date): period
            for period in Employment.objects.filter(person__authority=authority)
        }
        self.first_row: dict[str, tuple[int, dict]] = {}


def _person_values(person: Person) -> dict:
    return {
        "full_name": person.full_name,
        "gender": person.gender,
        "date_of_birth": person.date_of_birth,
        "email": person.email,
    }


class PeopleImport(ImportKind):
    slug = "can-bo"
    title = gettext_lazy("Cán bộ và quá trình công tác")
    help_text = gettext_lazy(
        "Mỗi dòng là một giai đoạn công tác của một người; người chuyển đơn vị có hai dòng "
        "cùng mã cán bộ. Người được nhận ra bằng mã cán bộ, không bằng họ tên."
    )
    sheet_title = "Can bo"
    order = 20
    columns = (
        Column("staff_code", "Mã cán bộ", required=True),
        Column("full_name", "Họ và tên", required=True),
        Column("gender", "Giới tính", required=True, labels=GENDER_LABELS),
        Column("date_of_birth", "Ngày sinh", is_date=True),
        Column("email", "Thư điện tử"),
        Column("unit", "Mã đơn vị"),
        Column("position", "Chức vụ"),
        Column("category", "Ngạch, loại", labels=CATEGORY_LABELS),
        Column("start_date", "Từ ngày", is_date=True),
        Column("end_date", "Đến ngày", is_date=True),
    )

    def count(self, authority) -> int:
        return Person.objects.filter(authority=authority).count()

    def load(self, authority, rows: list[Row]) -> Context:
        return Context(authority)

    def parse(self, row: Row, context: Context):
        code = row.text("staff_code", 30)
        values = {
            "staff_code": code,
            "full_name": row.text("full_name", 120),
            "gender": row.choice("gender"),
            "date_of_birth": row.date("date_of_birth"),
            "email": row.text("email", 254),
            "unit": row.text("unit", 30),
            "position": row.text("position", 120),
            "category": row.choice("category"),
            "start_date": row.date("start_date"),
            "end_date": row.date("end_date"),
        }
        if row.issues:
            return None
        values["full_name"] = normalize_text(values["full_name"])
        if values["email"] and ("@" not in values["email"] or " " in values["email"]):
            row.error(
                "email", _("“%(text)s” không phải địa chỉ thư điện tử.") % {"text": values["email"]}
            )
        self._check_period(row, values, context)
        self._check_same_person(row, values, context)
        if row.issues:
            return None
        person = context.people.get(code)
        unit_id = context.units.get(values["unit"])
        before = _person_values(person) | {"staff_code": code} if person else None
        period = None
        if person and unit_id:
            period = context.periods.get((person.pk, unit_id, values["start_date"]))
        if values["unit"]:
            if period is None:
                before = None
            else:
                before |= {
                    "unit": values["unit"],
                    "start_date": period.start_date,
                    "position": period.position,
                    "category": period.category,
                    "end_date": period.end_date,
                }
        else:
            values.update(dict.fromkeys(("position", "category"), ""))
            if before is not None:
                before |= {
                    "unit": "",
                    "position": "",
                    "category": "",
                    "start_date": None,
                    "end_date": None,
                }
        return (code, values["unit"], values["start_date"]), values, before

    def _check_period(self, row: Row, values: dict, context: Context) -> None:
        if not values["unit"]:
            for key in ("position", "category", "start_date", "end_date"):
                if values[key]:
                    row.error(key, _("Cần mã đơn vị cho giai đoạn công tác này."))
            return
        if values["unit"] not in context.units:
            row.error(
                "unit",
                _("Không có đơn vị mã “%(code)s”; hãy nhập đơn vị trước.")
                % {"code": values["unit"]},
            )
        if not values["category"]:
            row.error("category", _("Ô này không được để trống khi có mã đơn vị."))
        if values["start_date"] is None:
            row.error("start_date", _("Ô này không được để trống khi có mã đơn vị."))
        elif values["end_date"] and values["end_date"] < values["start_date"]:
            row.error("end_date", _("Đến ngày phải sau từ ngày."))

    def _check_same_person(self, row: Row, values: dict, context: Context) -> None:
        first = context.first_row.setdefault(values["staff_code"], (row.number, values))
        if first[0] == row.number:
            return
        for key in PERSON_FIELDS:
            if first[1][key] != values[key]:
                row.error(
                    key,
                    _("Khác với dòng %(row)d của cùng mã cán bộ; một người chỉ có một %(what)s.")
                    % {"row": first[0], "what": self.header_of(key).lower()},
                )

    def header_of(self, key: str) -> str:
        return next(column.header for column in self.columns if column.key == key)

    def write(self, *, authority, plan: Plan) -> None:
        context: Context = plan.context
        rows = (*plan.creates, *plan.changes)
        people = context.people
        new_people = {}
        for row in rows:
            code = row.values["staff_code"]
            if code not in people and code not in new_people:
                new_people[code] = Person(
                    authority=authority,
                    staff_code=code,
                    **{key: row.values[key] for key in PERSON_FIELDS},
                )
        Person.objects.bulk_create(new_people.values(), batch_size=BATCH)
        changed_people = {}
        for row in rows:
            person = people.get(row.values["staff_code"])
            if person is not None and any(
                getattr(person, key) != row.values[key] for key in PERSON_FIELDS
            ):
                for key in PERSON_FIELDS:
                    setattr(person, key, row.values[key])
                changed_people[person.pk] = person
        Person.objects.bulk_update(changed_people.values(), PERSON_FIELDS, batch_size=BATCH)
        everyone = {**people, **new_people}
        new_periods, changed_periods = [], []
        for row in rows:
            if not row.values["unit"]:
                continue
            person = everyone[row.values["staff_code"]]
            unit_id = context.units[row.values["unit"]]
            period = context.periods.get((person.pk, unit_id, row.values["start_date"]))
            if period is None:
                period = Employment(
                    person=person, unit_id=unit_id, start_date=row.values["start_date"]
                )
                new_periods.append(period)
            else:
                changed_periods.append(period)
            for key in PERIOD_FIELDS:
                setattr(period, key, row.values[key])
        Employment.objects.bulk_create(new_periods, batch_size=BATCH)
        Employment.objects.bulk_update(changed_periods, PERIOD_FIELDS, batch_size=BATCH)

    def export_rows(self, authority):
        context = Context(authority)
        periods: dict[int, list[Employment]] = {}
        for period in sorted(context.periods.values(), key=lambda p: p.start_date):
            periods.setdefault(period.person_id, []).append(period)
        for person in sorted(context.people.values(), key=lambda p: (p.full_name, p.staff_code)):
            personal = [
                person.staff_code,
                person.full_name,
                GENDER_LABELS.get(person.gender, person.gender),
                cells.shown(person.date_of_birth),
                person.email,
            ]
            for period in periods.get(person.pk) or [None]:
                if period is None:
                    yield [*personal, "", "", "", "", ""]
                    continue
                yield [
                    *personal,
                    context.code_of_unit[period.unit_id],
                    period.position,
                    CATEGORY_LABELS.get(period.category, period.category),
                    cells.shown(period.start_date),
                    cells.shown(period.end_date),
                ]
