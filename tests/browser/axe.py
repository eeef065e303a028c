"""axe-core, the accessibility engine, run inside a page under a strict Content-Security-Policy.

The engine's source is the copy bundled by the axe-playwright-python package. Spojka's
policy refuses an injected `<script>` tag, so the source is evaluated through Playwright.
"""

from dataclasses import dataclass, field
from importlib import resources
from typing import Any, Final
from urllib.parse import urlsplit

from playwright.sync_api import Page

AXE_SOURCE: Final = (resources.files("axe_playwright_python") / "axe.min.js").read_text(encoding="utf-8")

# Impacts that fail a test; "minor" and "moderate" findings are printed only.
BLOCKING_IMPACTS: Final = frozenset({"serious", "critical"})


def run_axe(page: Page) -> list[dict[str, Any]]:
    """Run axe-core on the open page and return its violations."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SOURCE)
    results: dict[str, Any] = page.evaluate("async () => await axe.run(document, { resultTypes: ['violations'] })")
    return list(results["violations"])


def describe_node(node: dict[str, Any]) -> str:
    """Return a failing element as indented lines: where it is, what it is, why it fails."""
    target = ", ".join(str(part) for part in node["target"])
    html = " ".join(str(node.get("html", "")).split())[:160]
    summary = " ".join(str(node.get("failureSummary", "")).split())
    return f"\n    - {target}\n      {html}\n      {summary}"


@dataclass
class AxeReport:
    """What axe found, page by page; only serious and critical findings fail the test."""

    blocking: list[str] = field(default_factory=list)
    minor: list[str] = field(default_factory=list)
    checked: int = 0

    def open(self, page: Page, address: str, *, who: str, expected: frozenset[int] = frozenset({200})) -> int | None:
        """Open an address; record a failure unless it answers one of the expected statuses."""
        response = page.goto(address)
        status = response.status if response is not None else None
        if status not in expected:
            self.blocking.append(f"{who} {address}: answered {status}, expected {sorted(expected)}")
            return None
        return status

    def audit(self, page: Page, *, who: str) -> None:
        """Run axe on the open page and file its violations by impact."""
        self.checked += 1
        where = urlsplit(page.url).path
        for violation in run_axe(page):
            nodes = "".join(describe_node(node) for node in violation["nodes"])
            line = f"{who} {where} [{violation['impact']}] {violation['id']}: {violation['help']}{nodes}"
            (self.blocking if violation["impact"] in BLOCKING_IMPACTS else self.minor).append(line)

    def assert_clean(self) -> None:
        """Fail with every serious or critical violation; print the lesser ones."""
        if self.minor:
            # Shown with the test's output (-rP, or on failure); they do not fail the test.
            print("axe findings below 'serious':\n" + "\n".join(self.minor))  # noqa: T201
        assert self.checked, "no page was checked"
        assert not self.blocking, (
            f"axe-core found serious or critical violations ({len(self.blocking)}):\n" + "\n".join(self.blocking)
        )
