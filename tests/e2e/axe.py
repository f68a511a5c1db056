"""axe-core, the accessibility engine, run inside the page (from the web app's dev dependencies)."""

from __future__ import annotations

from typing import Any

from tests.e2e.server import REPO

AXE = REPO / "frontend" / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
BLOCKING = {"serious", "critical"}


def scan(page: Any) -> list[dict[str, Any]]:
    """The serious and critical WCAG 2.2 A/AA violations on the page as it is now."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        """async (tags) => {
            const r = await window.axe.run(document, { runOnly: { type: 'tag', values: tags } })
            return r.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                targets: v.nodes.slice(0, 5).map(n => n.target.join(' ')),
            }))
        }""",
        WCAG_TAGS,
    )
    return [violation for violation in result if violation["impact"] in BLOCKING]


def describe(violations: list[dict[str, Any]]) -> str:
    """Violations as readable lines for an assertion message."""
    return "\n".join(
        f"{v['impact']}: {v['id']} ({v['help']}) at {v['targets']}" for v in violations
    )
