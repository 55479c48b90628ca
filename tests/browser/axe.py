"""axe-core accessibility checks for the browser tests.

    from tests.browser.axe import assert_accessible

    tab.open(reverse("pledges:sign", args=[version.pk]))
    assert_accessible(tab.page, "pledge signing page")

`assert_accessible(page, where)` runs axe-core (vendored under `tests/browser/vendor/axe-core/`,
for the tests only: no page of the product loads it) on the page as it is now, with the WCAG 2.0
and 2.1 level A and AA rules, and fails when axe finds a serious or critical violation. The
failure names `where`, then one line per violation: the rule id, its impact, the help text and
the selectors of the offending elements. Call it after the page has settled (after navigation,
after a form was submitted and its errors are shown). It returns axe's result dictionary for
callers that want more (`result["violations"]`, `result["passes"]`).

axe is evaluated through the DevTools protocol, not added as a `<script>`, so the pages' strict
Content-Security-Policy (no inline script) stays as it is in production.
"""

from pathlib import Path

AXE_SOURCE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
WCAG_A_AA = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")
BLOCKING = ("serious", "critical")

_RUN = """async (tags) => {
    const result = await axe.run(document, {runOnly: {type: "tag", values: tags}});
    const keep = (rule) => ({
        id: rule.id, impact: rule.impact, help: rule.help, helpUrl: rule.helpUrl,
        nodes: rule.nodes.map((node) => ({
            target: node.target.map(String), summary: node.failureSummary || ""
        }))
    });
    return {
        url: result.url,
        violations: result.violations.map(keep),
        incomplete: result.incomplete.map(keep),
        passes: result.passes.map((rule) => rule.id)
    };
}"""


def _load_axe(page) -> None:
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SOURCE.read_text(encoding="utf-8") + "\n;true")


def run_axe(page) -> dict:
    """axe-core's WCAG 2.0/2.1 A and AA result for the page as it is now: `violations` and
    `incomplete` (each rule with id, impact, help, helpUrl and its nodes' targets and
    failure summaries), `passes` (rule ids) and `url`."""
    _load_axe(page)
    return page.evaluate(_RUN, list(WCAG_A_AA))


def describe(violations: list[dict]) -> str:
    """One line per violation, then one indented line per offending element."""
    lines = []
    for rule in violations:
        lines.append(f"- {rule['id']} ({rule['impact']}): {rule['help']} <{rule['helpUrl']}>")
        for node in rule["nodes"]:
            summary = " ".join(node["summary"].split())
            lines.append(f"    {' '.join(node['target'])}: {summary}")
    return "\n".join(lines)


def assert_accessible(page, where: str) -> dict:
    """Fail, naming `where`, when axe-core finds a serious or critical WCAG 2.0/2.1 A/AA
    violation on the page; return axe's result otherwise."""
    result = run_axe(page)
    blocking = [rule for rule in result["violations"] if rule["impact"] in BLOCKING]
    assert not blocking, (
        f"axe-core: {len(blocking)} serious or critical WCAG A/AA violation(s) on {where} "
        f"({result['url']}):\n{describe(blocking)}"
    )
    return result
