"""The direction of dependencies, checked on the sources: awards may use emulation, never the
reverse; the read API (api) reads both and neither reads it; the document core reads no app's
models; the outbox (outgoing e-mail) reads no app either; no project module imports itself back
through a circle of top-level imports."""

import ast
import io
import re
import tokenize
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("emulation", "awards", "documents", "config", "api", "outbox")


def _modules() -> dict[str, Path]:
    """Project modules by dotted name (packages by their __init__), migrations aside."""
    found = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


def _is_type_checking(node: ast.stmt) -> bool:
    return isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)


def _top_level_imports(tree: ast.Module):
    """Import statements run when the module is imported: its body, and the branches of
    module-level if/try blocks (`if TYPE_CHECKING:` aside). Imports inside functions are not
    run at import time and cannot close a circle."""
    pending = list(tree.body)
    while pending:
        node = pending.pop(0)
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        elif isinstance(node, ast.If) and not _is_type_checking(node):
            pending.extend(node.body + node.orelse)
        elif isinstance(node, ast.Try):
            pending.extend(node.body + node.orelse + node.finalbody)
            for handler in node.handlers:
                pending.extend(handler.body)


def import_graph() -> dict[str, set[str]]:
    """Module → the project modules it imports at top level."""
    modules = _modules()
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in _top_level_imports(tree):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            else:
                base = node.module or ""
                if node.level:
                    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
                    for _ in range(node.level - 1):
                        package = package.rpartition(".")[0]
                    base = f"{package}.{base}".strip(".")
                # `from package import module` imports the module; `from module import name`
                # the module alone.
                targets = [
                    f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base
                    for alias in node.names
                ]
            graph[name].update(target for target in targets if target in modules)
    return graph


def find_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module, or with a module that
    imports itself (Tarjan's algorithm, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles = []
    counter = 0
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1 or node in graph[node]:
                    cycles.append(sorted(component))
    return cycles


def test_find_cycles_reports_a_circle_and_nothing_else():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": {"e"}, "f": set()}
    assert sorted(find_cycles(graph)) == [["a", "b", "c"], ["e"]]


def test_no_import_cycle_among_project_modules():
    graph = import_graph()
    assert "emulation.rules" in graph["emulation.targets.rules"]
    assert find_cycles(graph) == []


def test_emulation_imports_neither_awards_nor_documents_imports_an_app():
    graph = import_graph()
    wrong = sorted(
        (module, target)
        for module, targets in graph.items()
        for target in targets
        if (module.startswith("emulation") and target.startswith("awards"))
        or (module.startswith("documents") and target.split(".")[0] in ("emulation", "awards"))
    )
    assert wrong == []


def test_the_outbox_imports_no_app():
    graph = import_graph()
    wrong = sorted(
        (module, target)
        for module, targets in graph.items()
        if module.startswith("outbox")
        for target in targets
        if target.split(".")[0] in ("emulation", "awards", "documents", "api")
    )
    assert wrong == []
    assert "outbox.services" in graph["emulation.pledges.notices"]


def test_no_app_imports_the_read_api():
    graph = import_graph()
    wrong = sorted(
        (module, target)
        for module, targets in graph.items()
        for target in targets
        if target.startswith("api") and not module.startswith("api")
    )
    assert wrong == []
    assert "awards.statistics.province" in graph["api.access"]


# What would name the awards app from emulation: its URL names and permission names
# ("awards:…", "awards.…", an import), its template tags, the reverse accessor of its
# Nomination.exemplary. `report.awards` and its field `awards: list` (emulation's own section of
# the report) are not matched.
AWARDS_NAMES = re.compile(
    r"(?<![.\w])awards[.:]\w"  # awards:cluster_vote, "awards.create_nomination", awards.models
    r"|\b(?:from|import)\s+awards\b"
    r"|\{%\s*load\b[^%]*\bcluster_vote\b"
    r"|\.nominations\b"
)


def _docstring_lines(tree: ast.Module) -> set[int]:
    lines = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                lines.update(range(body[0].lineno, body[0].end_lineno + 1))
    return lines


def python_code_hits(source: str) -> list[tuple[int, str]]:
    """Lines whose code (comments and docstrings aside: they may explain the direction)
    names awards."""
    docstrings = _docstring_lines(ast.parse(source))
    lines = source.splitlines()
    code = dict(enumerate(lines, start=1))
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.COMMENT:
            number, column = token.start
            code[number] = code[number][:column]
    return [
        (number, lines[number - 1].strip())
        for number, text in code.items()
        if number not in docstrings and AWARDS_NAMES.search(text)
    ]


def template_hits(source: str) -> list[tuple[int, str]]:
    without_comments = re.sub(r"\{#.*?#\}", "", source)
    return [
        (number, line.strip())
        for number, line in enumerate(without_comments.splitlines(), start=1)
        if AWARDS_NAMES.search(line)
    ]


def test_the_scan_finds_awards_names_and_passes_explanations():
    code = (
        '"""Awards registers here (awards.apps)."""\n'
        "# awards.Nomination is read through a hook\n"
        "x = report.awards  # awards.Nomination is not named here\n"
        "awards: list\n"
        'url = reverse("awards:cluster_vote")\n'
        "n = exemplary.nominations.all()\n"
    )
    assert [number for number, _line in python_code_hits(code)] == [5, 6]
    page = "{# awards: explained #}\n{% load i18n cluster_vote %}\n{{ report.awards }}\n"
    assert [number for number, _line in template_hits(page)] == [2]


def test_emulation_names_nothing_of_awards():
    hits = []
    for path in sorted((ROOT / "emulation").rglob("*")):
        if "migrations" in path.parts:
            continue
        if path.suffix == ".py":
            found = python_code_hits(path.read_text(encoding="utf-8"))
        elif path.suffix in (".html", ".txt", ".xml"):
            found = template_hits(path.read_text(encoding="utf-8"))
        else:
            continue
        hits.extend(f"{path.relative_to(ROOT)}:{number}: {line}" for number, line in found)
    assert hits == []


def test_the_document_core_reads_no_app():
    """Not even through a string (a lookup across an app's relations, a setting's value)."""
    names = re.compile(r"\bemulation\b|\bawards\b|unit\.authority|unit__authority")
    hits = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in sorted((ROOT / "documents").rglob("*"))
        if path.suffix in (".py", ".html")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if names.search(line)
    ]
    assert hits == []
