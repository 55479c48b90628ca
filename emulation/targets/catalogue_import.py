"""The target catalogue import (danh mục chỉ tiêu và kế hoạch): each year's targets with their
plans from the People's Council's resolution, matched by (year, unit code, target code).

A new target is created; a stored one is changed. A changed plan needs its reason in the
file's last column, as a changed figure needs one in the grid: it is applied with that reason
(kept in the import's history) or the row is refused at the plan's cell, by name. A target
that already has figures keeps its direction (as in the catalogue form). Numbers are read by
the one parser (`numbers.number_from_cell`: 1,5 and 1.5 alike).
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from config import clock
from emulation.imports import cells
from emulation.imports.engine import Column, ImportKind, Plan, Row
from emulation.models import Actual, Target, Unit, normalize_text
from emulation.numbers import format_number
from emulation.targets.enums import Direction, TargetGroup
from emulation.targets.numbers import NumberFormatError, number_from_cell

BATCH = 1_000
GROUPS = {value: str(label) for value, label in TargetGroup.choices}
DIRECTIONS = {value: str(label) for value, label in Direction.choices}
YES_NO = {"yes": "Có", "no": "Không"}
NUMBERS = ("plan_value", "baseline_value", "range_min", "range_max", "weight")
FIELDS = (
    "name",
    "group",
    "unit_of_measure",
    "direction",
    *NUMBERS,
    "is_mandatory",
    "sort_order",
    "parent_id",
)


def _number(cell):
    try:
        return number_from_cell(cell)
    except NumberFormatError as exc:
        raise cells.CellError(exc.message) from exc


class TargetCatalogueImport(ImportKind):
    slug = "chi-tieu"
    title = gettext_lazy("Danh mục chỉ tiêu và kế hoạch")
    help_text = gettext_lazy(
        "Chỉ tiêu của từng năm với kế hoạch theo Nghị quyết HĐND, theo năm, mã đơn vị (để "
        "trống: chỉ tiêu chung) và mã chỉ tiêu. Sửa kế hoạch đã có thì ghi lý do ở cột cuối."
    )
    sheet_title = "Danh muc chi tieu"
    order = 70
    noted = ("reason",)
    columns = (
        Column("year", "Năm", required=True),
        Column("unit", "Mã đơn vị"),
        Column("code", "Mã chỉ tiêu", required=True),
        Column("name", "Tên chỉ tiêu", required=True),
        Column("group", "Lĩnh vực", required=True, labels=GROUPS),
        Column("unit_of_measure", "Đơn vị tính"),
        Column("direction", "Cách đánh giá", required=True, labels=DIRECTIONS),
        Column("plan_value", "Kế hoạch"),
        Column("baseline_value", "Mức gốc"),
        Column("range_min", "Cận dưới"),
        Column("range_max", "Cận trên"),
        Column("weight", "Trọng số"),
        Column("is_mandatory", "Bắt buộc", labels=YES_NO),
        Column("parent", "Mã chỉ tiêu cha"),
        Column("sort_order", "Thứ tự"),
        Column("reason", "Lý do thay đổi kế hoạch"),
    )

    def count(self, authority) -> int:
        return Target.objects.filter(authority=authority).count()

    def load(self, authority, rows: list[Row]) -> dict:
        targets = Target.objects.filter(authority=authority).select_related("unit", "parent")
        stored = {(t.year, t.unit.code if t.unit_id else "", t.code): t for t in targets}
        return {
            "units": dict(Unit.objects.filter(authority=authority).values_list("code", "pk")),
            "targets": stored,
            "with_figures": set(
                Actual.objects.filter(target__authority=authority)
                .values_list("target_id", flat=True)
                .distinct()
            ),
            "file_keys": set(),
            "this_year": clock.today().year,
        }

    def _stored(self, target: Target) -> dict:
        values = {key: getattr(target, key) for key in FIELDS if key != "parent_id"}
        values["is_mandatory"] = "yes" if target.is_mandatory else "no"
        values["parent"] = target.parent.code if target.parent_id else ""
        return values

    def parse(self, row: Row, context):
        values = {
            "year": row.whole_number("year", low=2000, high=context["this_year"] + 5),
            "unit": row.text("unit", 30),
            "code": row.text("code", 30),
            "name": row.text("name", 300),
            "group": row.choice("group"),
            "unit_of_measure": row.text("unit_of_measure", 50),
            "direction": row.choice("direction"),
            **{key: row.read(key, _number) for key in NUMBERS},
            "is_mandatory": row.choice("is_mandatory") or "yes",
            "parent": row.text("parent", 30),
            "sort_order": row.whole_number("sort_order", low=0, high=1_000_000) or 0,
            "reason": row.text("reason", 500),
        }
        if row.issues:
            return None
        values["name"] = normalize_text(values["name"])
        if values["weight"] is None:
            values["weight"] = 1
        key = (values["year"], values["unit"], values["code"])
        context["file_keys"].add(key)
        if values["unit"] and values["unit"] not in context["units"]:
            row.error("unit", _("Không có đơn vị mã “%(code)s”.") % {"code": values["unit"]})
        self._check_terms(row, values)
        stored = context["targets"].get(key)
        before = None
        if stored is not None:
            before = self._stored(stored) | {
                "year": values["year"],
                "unit": values["unit"],
                "code": values["code"],
                "reason": values["reason"],
            }
            self._check_change(row, values, before, stored, context)
        return None if row.issues else (key, values, before)

    def _check_terms(self, row: Row, values: dict) -> None:
        """The columns' digits (a weight has two decimals) and the catalogue's rules of plan by
        direction (Target.clean), at their cells."""
        for key in NUMBERS:
            if values[key] is None:
                continue
            try:
                Target._meta.get_field(key).run_validators(Decimal(values[key]))
            except ValidationError as exc:
                row.error(key, " ".join(exc.messages))
        probe = Target(**{key: values[key] for key in ("direction", *NUMBERS)})
        try:
            probe.clean()
        except ValidationError as exc:
            for field, messages in exc.message_dict.items():
                row.error(field, " ".join(messages))

    def _check_change(self, row: Row, values, before, stored: Target, context) -> None:
        if values["direction"] != before["direction"] and stored.pk in context["with_figures"]:
            row.error("direction", _("Chỉ tiêu đã có số liệu; không đổi cách đánh giá được."))
        if values["plan_value"] != before["plan_value"] and not values["reason"]:
            row.error(
                "plan_value",
                _(
                    "Kế hoạch đã có (%(old)s) đổi thành %(new)s: cần ghi lý do ở cột “Lý do "
                    "thay đổi kế hoạch”, nếu không hãy để nguyên."
                )
                % {
                    "old": format_number(before["plan_value"], empty="—"),
                    "new": format_number(values["plan_value"], empty="—"),
                },
            )

    def check_plan(self, plan: Plan, rows: dict[int, Row]) -> None:
        """A parent is a top-level target of the same year and unit, in the file or stored."""
        context = plan.context
        parents = {key: target.parent_id for key, target in context["targets"].items()}
        for planned in (*plan.creates, *plan.changes):
            parents[planned.key] = planned.values["parent"] or None
        for planned in (*plan.creates, *plan.changes):
            code = planned.values["parent"]
            if not code:
                continue
            year, unit, own = planned.key
            parent_key = (year, unit, code)
            if code == own or parent_key not in parents or parents[parent_key]:
                rows[planned.number].error(
                    "parent",
                    _("Không có chỉ tiêu cấp trên cùng mã “%(code)s” trong cùng năm và đơn vị.")
                    % {"code": code},
                )

    def write(self, *, authority, plan: Plan) -> None:
        context = plan.context
        targets = context["targets"]
        new = {}
        for row in plan.creates:
            year, unit, code = row.key
            new[row.key] = Target(
                authority=authority,
                year=year,
                unit_id=context["units"].get(unit),
                code=code,
                **{key: row.values[key] for key in ("name", "group", "direction")},
            )
        Target.objects.bulk_create(new.values(), batch_size=BATCH)
        everything = {**targets, **new}
        touched = []
        for row in (*plan.creates, *plan.changes):
            target = everything[row.key]
            for key in FIELDS:
                if key != "parent_id":
                    setattr(target, key, row.values[key])
            target.is_mandatory = row.values["is_mandatory"] == "yes"
            year, unit, _code = row.key
            parent = row.values["parent"]
            target.parent_id = everything[(year, unit, parent)].pk if parent else None
            touched.append(target)
        Target.objects.bulk_update(touched, FIELDS, batch_size=BATCH)

    def export_rows(self, authority):
        targets = Target.objects.filter(authority=authority).select_related("unit", "parent")
        for target in targets.order_by("-year", "unit__sort_order", "unit__code", "sort_order"):
            stored = self._stored(target)
            yield [
                target.year,
                target.unit.code if target.unit_id else "",
                target.code,
                target.name,
                GROUPS.get(target.group, target.group),
                target.unit_of_measure,
                DIRECTIONS.get(target.direction, target.direction),
                *(getattr(target, key) for key in NUMBERS),
                YES_NO[stored["is_mandatory"]],
                stored["parent"],
                target.sort_order,
                "",
            ]
