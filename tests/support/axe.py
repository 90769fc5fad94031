"""Accessibility checks with axe-core (npm package, installed by `make test`)."""

from pathlib import Path

import pytest

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
SERIOUS = {"serious", "critical"}


def serious_violations(page) -> list[dict]:
    """Run axe-core on the page (WCAG 2.1 A and AA) and return serious and critical findings."""
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: `make test` installs axe-core with npm")
    # Evaluated through the DevTools protocol, so the page's CSP does not block it.
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8") + "\n;0")
    results = page.evaluate(
        """async () => {
            const r = await axe.run(document, {runOnly: {type: 'tag',
                values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}});
            return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
        }"""
    )
    return [v for v in results if v["impact"] in SERIOUS]
