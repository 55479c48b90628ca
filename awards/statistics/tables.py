"""The shape of a statistical form: its rows and columns, and a table of whole counts that adds
cell by cell. A province's table is its own records' table plus each represented authority's
(`awards.statistics.province`), so every form's figures must be additive counts."""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.functional import Promise


@dataclass(frozen=True)
class Line:
    """A row or a column of a form: a stable key (also the spreadsheet's) and its label."""

    key: str
    label: str | Promise


@dataclass(frozen=True)
class FormSpec:
    """One form (biểu mẫu): its code in the circular (0601.N), its title, its rows and its
    columns. The last row of every table shown is the rows' sum (Tổng số)."""

    code: str
    slug: str
    title: str | Promise
    rows: tuple[Line, ...]
    columns: tuple[Line, ...]
    note: str | Promise = ""  # how the figures are counted, shown under the form


@dataclass
class Table:
    """Counts of one form for one authority (or a sum of authorities): `cells[(row, column)]`;
    a missing cell is 0."""

    spec: FormSpec
    cells: dict[tuple[str, str], int] = field(default_factory=dict)

    def add(self, row: str, column: str, count: int = 1) -> None:
        self.cells[(row, column)] = self.cells.get((row, column), 0) + count

    def value(self, row: str, column: str) -> int:
        return self.cells.get((row, column), 0)

    def row_values(self, row: str) -> list[int]:
        return [self.value(row, column.key) for column in self.spec.columns]

    def total_values(self) -> list[int]:
        """The Tổng số row: each column summed over the rows."""
        return [
            sum(self.value(row.key, column.key) for row in self.spec.rows)
            for column in self.spec.columns
        ]

    def rows_with_values(self) -> list[tuple[Line, list[int]]]:
        return [(row, self.row_values(row.key)) for row in self.spec.rows]

    def __add__(self, other: "Table") -> "Table":
        if other.spec.code != self.spec.code:
            raise ValueError(f"cannot add form {other.spec.code} to {self.spec.code}")
        result = Table(self.spec, dict(self.cells))
        for (row, column), count in other.cells.items():
            result.add(row, column, count)
        return result


def table_sum(spec: FormSpec, tables: Iterable[Table]) -> Table:
    total = Table(spec)
    for table in tables:
        total = total + table
    return total
