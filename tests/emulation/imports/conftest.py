"""Fixtures of the import tests: the thi đua staff of a ward and files made like a ward's."""

import io

import pytest
from openpyxl import Workbook

from emulation.enums import Role
from emulation.imports.registry import kind_or_404
from emulation.imports.services import confirm_import, start_import


def xlsx(rows, *, merge: str | None = None, formula_at: str | None = None) -> bytes:
    """A workbook with `rows` as typed (dates stay date cells); optionally a merged range or a
    formula in one cell."""
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(list(row))
    if merge:
        sheet.merge_cells(merge)
    if formula_at:
        sheet[formula_at] = "=1+1"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_bytes(rows) -> bytes:
    return "\n".join(",".join(str(cell) for cell in row) for row in rows).encode("utf-8")


@pytest.fixture
def staff(make_user, unit):
    return make_user(Role.AUTHORITY_STAFF, unit, username="can_bo_thi_dua")


@pytest.fixture
def run_import():
    """Dry run then write `content` as `user`; returns the written plan."""

    def run(slug: str, user, content: bytes, filename: str = "tep.xlsx"):
        kind = kind_or_404(slug)
        stored, _plan = start_import(kind=kind, user=user, filename=filename, content=content)
        return confirm_import(kind=kind, user=user, upload=stored, sha256=stored.sha256)

    return run
