"""The title and award history import (lịch sử danh hiệu, khen thưởng): the titles and forms
people and units already hold, which the rules of later years read (E-06: CSTĐCS three years
in a row; E-08: a member CSTĐCS). Registered with `emulation.imports` in `AwardsConfig.ready()`.

A row names a person by staff code or a unit by unit code (never by name: the name cell, when
filled, must be the code's name, which catches a wrong code). A title is matched by (subject,
title, year). After the 2025 reorganisation a ward imports its people's district years with
the issuing level "Quận, huyện…": the rules read the title by person and year, whoever issued
it (docs/imports.md). A title written by signing a decision here, or one revoked, is not
changed by a file.
"""

import functools

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from awards.enums import AwardCode
from awards.models import Award, TitleHeld
from awards.records.import_subjects import found_by_code, people_by_code, units_by_code
from config import clock
from emulation.enums import AuthorityLevel
from emulation.imports import cells
from emulation.imports.engine import Column, ImportKind, Plan, Row

BATCH = 1_000
LEVEL_LABELS = {value: str(label) for value, label in AuthorityLevel.choices}
FIELDS = ("decision_reference", "decided_on", "issuer_level")
EARLIEST_YEAR = 1990
_LOCKED_REVOKED = gettext_lazy("Danh hiệu này đã bị hủy bỏ; không sửa bằng tệp.")
_LOCKED_SIGNED = gettext_lazy(
    "Danh hiệu này ghi từ quyết định đã ký trên hệ thống; không sửa bằng tệp."
)


@functools.cache
def _award_names() -> dict[str, str]:
    """The catalogue codes' names as the history stores them, translated once (a file of
    30,000 titles asks for one per row)."""
    with translation.override("vi"):
        return {code.value: str(code.label) for code in AwardCode}


class Context:
    def __init__(self, authority):
        self.people = people_by_code(authority)
        self.units = units_by_code(authority)
        self.this_year = clock.today().year
        self.awards = {award.code: award for award in Award.objects.all()}
        self.award_labels = {award.code: award.name for award in self.awards.values()}
        self.titles = {}
        titles = TitleHeld.objects.filter(person__authority=authority) | TitleHeld.objects.filter(
            unit__authority=authority
        )
        for title in titles.select_related("award", "person", "unit"):
            subject = (
                ("person", title.person.staff_code)
                if title.person_id
                else ("unit", title.unit.code)
            )
            if subject[1]:
                self.titles[(subject, title.award.code, title.year)] = title


def _stored(title: TitleHeld) -> dict:
    return {
        "decision_reference": title.decision_reference,
        "decided_on": title.decided_on,
        "issuer_level": title.issuer_level,
    }


class TitleHistoryImport(ImportKind):
    slug = "lich-su-danh-hieu"
    title = gettext_lazy("Lịch sử danh hiệu, khen thưởng")
    help_text = gettext_lazy(
        "Danh hiệu, hình thức khen thưởng đã đạt những năm trước (cá nhân theo mã cán bộ, tập "
        "thể theo mã đơn vị), để xét các điều kiện nhiều năm liên tục như Chiến sĩ thi đua "
        "cấp tỉnh (3 năm Chiến sĩ thi đua cơ sở). Năm trước 01/07/2025 do quận, huyện quyết "
        "định vẫn được tính."
    )
    sheet_title = "Lich su danh hieu"
    order = 30
    columns = (
        Column("staff_code", "Mã cán bộ"),
        Column("unit_code", "Mã đơn vị (tập thể)"),
        Column("name", "Họ tên hoặc tên tập thể"),
        Column("year", "Năm", required=True),
        Column("award", "Danh hiệu, hình thức", required=True),
        Column("decision_reference", "Số quyết định"),
        Column("decided_on", "Ngày quyết định", is_date=True),
        Column("issuer_level", "Cấp ban hành", labels=LEVEL_LABELS),
    )

    def count(self, authority) -> int:
        return (
            TitleHeld.objects.filter(person__authority=authority).count()
            + TitleHeld.objects.filter(unit__authority=authority).count()
        )

    def load(self, authority, rows: list[Row]) -> Context:
        return Context(authority)

    def parse(self, row: Row, context: Context):
        staff_code = row.text("staff_code", 30)
        unit_code = row.text("unit_code", 30)
        name = row.text("name", 200)
        year = row.whole_number("year", low=EARLIEST_YEAR, high=context.this_year)
        award_code = row.read("award", cells.choice, context.award_labels)
        values = {
            "staff_code": staff_code,
            "unit_code": unit_code,
            "name": name,
            "year": year,
            "award": award_code,
            "decision_reference": row.text("decision_reference", 120),
            "decided_on": row.date("decided_on"),
            "issuer_level": row.choice("issuer_level"),
        }
        if row.issues:
            return None
        subject = self._subject(row, values, context)
        if subject is None:
            return None
        award = context.awards[award_code]
        collective = subject[0] == "unit"
        if not (award.for_collective if collective else award.for_individual):
            row.error(
                "award",
                _("“%(award)s” không tặng cho %(whom)s.")
                % {"award": award.name, "whom": _("tập thể") if collective else _("cá nhân")},
            )
            return None
        if values["decided_on"] and values["decided_on"].year < year:
            row.error("decided_on", _("Ngày quyết định phải từ năm thành tích trở về sau."))
            return None
        stored = context.titles.get((subject, award_code, year))
        before = None
        if stored is not None:
            before = values | _stored(stored)
            if (stored.revoked or stored.decision_line_id) and before != values:
                row.error(
                    "decision_reference", _LOCKED_REVOKED if stored.revoked else _LOCKED_SIGNED
                )
                return None
        return (subject, award_code, year), values, before

    def _subject(self, row: Row, values: dict, context: Context):
        staff_code, unit_code, name = values["staff_code"], values["unit_code"], values["name"]
        if bool(staff_code) == bool(unit_code):
            row.error(
                "staff_code",
                _("Ghi mã cán bộ (danh hiệu cá nhân) hoặc mã đơn vị (tập thể), chỉ một trong hai."),
            )
            return None
        table, code, column = (
            (context.people, staff_code, "staff_code")
            if staff_code
            else (context.units, unit_code, "unit_code")
        )
        if found_by_code(row, table, code, column, name) is None:
            return None
        return ("person" if staff_code else "unit", code)

    def key_text(self, key: tuple) -> str:
        (_kind, code), award, year = key
        return f"{code} · {_award_names().get(award, award)} · {year}"

    def write(self, *, authority, plan: Plan) -> None:
        context: Context = plan.context
        created = []
        for row in plan.creates:
            (kind, code), award_code, year = row.key
            created.append(
                TitleHeld(
                    person_id=context.people[code][0] if kind == "person" else None,
                    unit_id=context.units[code][0] if kind == "unit" else None,
                    award=context.awards[award_code],
                    year=year,
                    **{key: row.values[key] for key in FIELDS},
                )
            )
        TitleHeld.objects.bulk_create(created, batch_size=BATCH)
        changed = []
        for row in plan.changes:
            title = context.titles[row.key]
            for key in FIELDS:
                setattr(title, key, row.values[key])
            changed.append(title)
        TitleHeld.objects.bulk_update(changed, FIELDS, batch_size=BATCH)

    def export_rows(self, authority):
        context = Context(authority)
        titles = sorted(
            (t for t in context.titles.values() if not t.revoked),
            key=lambda t: (t.year, t.person.full_name if t.person_id else t.unit.name, t.pk),
        )
        for title in titles:
            yield [
                title.person.staff_code if title.person_id else "",
                title.unit.code if title.unit_id else "",
                title.person.full_name if title.person_id else title.unit.name,
                title.year,
                title.award.name,
                title.decision_reference,
                cells.shown(title.decided_on),
                LEVEL_LABELS.get(title.issuer_level, ""),
            ]
