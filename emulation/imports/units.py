"""The units import (đơn vị): the tree (parent by code), the kind, the cluster or bloc of this
year and the head (thủ trưởng, by staff code), matched by the unit code the ward controls.

A parent may be a unit of the same file: new units are created first, the tree is set after.
A file that would make a unit its own ancestor is refused at the parent's cell. The cluster
or bloc must exist for this year (the pledges pages create and copy them); the head must be on
the people roll (import the people, then this file again with the heads).
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from config import clock
from emulation.enums import UnitKind
from emulation.imports import cells
from emulation.imports.engine import Column, ImportKind, Plan, Row
from emulation.models import Person, Unit, normalize_text
from emulation.models.clusters import Cluster, ClusterMembership

BATCH = 1_000
KIND_LABELS = {value: str(label) for value, label in UnitKind.choices}
FIELDS = ("name", "kind", "address", "phone", "sort_order", "head_id", "parent_id")


class Context:
    def __init__(self, authority):
        self.year = clock.today().year
        self.units = {unit.code: unit for unit in Unit.objects.filter(authority=authority)}
        self.people = dict(
            Person.objects.filter(authority=authority)
            .exclude(staff_code="")
            .values_list("staff_code", "pk")
        )
        self.code_of_person = {pk: code for code, pk in self.people.items()}
        self.clusters = {
            cluster.code: cluster
            for cluster in Cluster.objects.filter(authority=authority, year=self.year)
        }
        self.cluster_of_unit = dict(
            ClusterMembership.objects.filter(
                cluster__authority=authority, cluster__year=self.year
            ).values_list("unit_id", "cluster__code")
        )
        self.code_of_unit = {unit.pk: code for code, unit in self.units.items()}
        self.file_codes: set[str] = set()


class UnitsImport(ImportKind):
    slug = "don-vi"
    title = gettext_lazy("Đơn vị")
    help_text = gettext_lazy(
        "Cây đơn vị (mã đơn vị cấp trên), loại đơn vị, cụm hoặc khối thi đua năm nay và thủ "
        "trưởng (mã cán bộ). Nhập đơn vị trước, rồi cán bộ; sau đó nhập lại tệp này với cột "
        "thủ trưởng."
    )
    sheet_title = "Don vi"
    order = 10
    columns = (
        Column("code", "Mã đơn vị", required=True),
        Column("name", "Tên đơn vị", required=True),
        Column("kind", "Loại đơn vị", required=True, labels=KIND_LABELS),
        Column("parent", "Mã đơn vị cấp trên"),
        Column("cluster", "Mã cụm, khối thi đua"),
        Column("head", "Mã cán bộ thủ trưởng"),
        Column("address", "Địa chỉ"),
        Column("phone", "Điện thoại"),
        Column("sort_order", "Thứ tự"),
    )

    def count(self, authority) -> int:
        return Unit.objects.filter(authority=authority).count()

    def load(self, authority, rows: list[Row]) -> Context:
        context = Context(authority)
        context.file_codes = {cells.text(row.values["code"]) for row in rows} - {""}
        return context

    def _stored(self, unit: Unit, context: Context) -> dict:
        return {
            "code": unit.code,
            "name": unit.name,
            "kind": unit.kind,
            "parent": context.code_of_unit.get(unit.parent_id, ""),
            "cluster": context.cluster_of_unit.get(unit.pk, ""),
            "head": context.code_of_person.get(unit.head_id, ""),
            "address": unit.address,
            "phone": unit.phone,
            "sort_order": unit.sort_order,
        }

    def parse(self, row: Row, context: Context):
        code = row.text("code", 30)
        values = {
            "code": code,
            "name": row.text("name", 200),
            "kind": row.choice("kind"),
            "parent": row.text("parent", 30),
            "cluster": row.text("cluster", 30),
            "head": row.text("head", 30),
            "address": row.text("address", 300),
            "phone": row.text("phone", 30),
            "sort_order": row.whole_number("sort_order", low=0, high=1_000_000) or 0,
        }
        parent = values["parent"]
        if parent and parent == code:
            row.error("parent", _("Đơn vị không thể là đơn vị cấp trên của chính nó."))
        elif parent and parent not in context.units and parent not in context.file_codes:
            row.error(
                "parent",
                _("Không có đơn vị mã “%(code)s” (trong tệp hay đã nhập).") % {"code": parent},
            )
        if values["cluster"] and values["cluster"] not in context.clusters:
            row.error(
                "cluster",
                _(
                    "Không có cụm, khối mã “%(code)s” năm %(year)d; hãy tạo cụm, khối ở trang "
                    "Giao ước trước."
                )
                % {"code": values["cluster"], "year": context.year},
            )
        if values["head"] and values["head"] not in context.people:
            row.error(
                "head",
                _("Không có cán bộ mã “%(code)s”; hãy nhập cán bộ trước.")
                % {"code": values["head"]},
            )
        if row.issues:
            return None
        values["name"] = normalize_text(values["name"])
        stored = context.units.get(code)
        return (code,), values, self._stored(stored, context) if stored else None

    def check_plan(self, plan: Plan, rows: dict[int, Row]) -> None:
        context = plan.context
        parents = {
            code: context.code_of_unit.get(u.parent_id, "") for code, u in context.units.items()
        }
        numbers = {}
        for planned in (*plan.creates, *plan.changes):
            parents[planned.values["code"]] = planned.values["parent"]
            numbers[planned.values["code"]] = planned.number
        for code, number in numbers.items():
            seen, node = {code}, parents.get(code, "")
            while node:
                if node in seen:
                    rows[number].error(
                        "parent",
                        _("Cây đơn vị bị vòng: “%(code)s” lại là cấp dưới của chính nó.")
                        % {"code": code},
                    )
                    break
                seen.add(node)
                node = parents.get(node, "")

    def write(self, *, authority, plan: Plan) -> None:
        context: Context = plan.context
        new_units = [
            Unit(
                authority=authority,
                code=row.values["code"],
                name=row.values["name"],
                kind=row.values["kind"],
                address=row.values["address"],
                phone=row.values["phone"],
                sort_order=row.values["sort_order"],
                head_id=context.people.get(row.values["head"]),
            )
            for row in plan.creates
        ]
        Unit.objects.bulk_create(new_units, batch_size=BATCH)
        units = {**context.units, **{unit.code: unit for unit in new_units}}
        touched = []
        for row in (*plan.creates, *plan.changes):
            unit = units[row.values["code"]]
            unit.name = row.values["name"]
            unit.kind = row.values["kind"]
            unit.address = row.values["address"]
            unit.phone = row.values["phone"]
            unit.sort_order = row.values["sort_order"]
            unit.head_id = context.people.get(row.values["head"])
            parent = row.values["parent"]
            unit.parent_id = units[parent].pk if parent else None
            touched.append(unit)
        Unit.objects.bulk_update(touched, FIELDS, batch_size=BATCH)
        moved = [
            row
            for row in (*plan.creates, *plan.changes)
            if row.values["cluster"] != (row.before or {}).get("cluster", "")
        ]
        ClusterMembership.objects.filter(
            cluster__in=list(context.clusters.values()),
            unit_id__in=[units[row.values["code"]].pk for row in moved],
        ).delete()
        ClusterMembership.objects.bulk_create(
            (
                ClusterMembership(
                    cluster=context.clusters[row.values["cluster"]],
                    unit_id=units[row.values["code"]].pk,
                    sort_order=row.values["sort_order"],
                )
                for row in moved
                if row.values["cluster"]
            ),
            batch_size=BATCH,
        )

    def export_rows(self, authority):
        context = Context(authority)
        for unit in sorted(context.units.values(), key=lambda u: (u.sort_order, u.name, u.code)):
            stored = self._stored(unit, context)
            yield [
                stored["code"],
                stored["name"],
                KIND_LABELS.get(stored["kind"], stored["kind"]),
                stored["parent"],
                stored["cluster"],
                stored["head"],
                stored["address"],
                stored["phone"],
                stored["sort_order"],
            ]
