"""Who a row of a records import is about: a person by staff code or a unit by unit code, read
once per file, never by name. The name cell, when the file fills it, must be the code's name:
a wrong code is caught instead of writing a record on someone else."""

from django.utils.translation import gettext as _

from emulation.imports.engine import Row
from emulation.models import Person, Unit


def people_by_code(authority) -> dict[str, tuple[int, str]]:
    """staff code → (pk, full name) of the authority's people who have a code."""
    return {
        code: (pk, name)
        for code, pk, name in Person.objects.filter(authority=authority)
        .exclude(staff_code="")
        .values_list("staff_code", "pk", "full_name")
    }


def units_by_code(authority) -> dict[str, tuple[int, str]]:
    return {
        code: (pk, name)
        for code, pk, name in Unit.objects.filter(authority=authority).values_list(
            "code", "pk", "name"
        )
    }


def found_by_code(
    row: Row, table: dict[str, tuple[int, str]], code: str, code_column: str, name: str
) -> int | None:
    """The pk of the row's subject, or None with the refusal recorded at its cell."""
    found = table.get(code)
    if found is None:
        row.error(
            code_column,
            _("Không có mã “%(code)s” trong dữ liệu của cơ quan; hãy nhập trước.") % {"code": code},
        )
        return None
    if name and name.casefold() != found[1].casefold():
        row.error(
            "name",
            _("Mã “%(code)s” là của “%(found)s”, không phải “%(name)s”.")
            % {"code": code, "found": found[1], "name": name},
        )
        return None
    return found[0]
