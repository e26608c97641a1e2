"""axe-core checks for pages open in Playwright."""

from axe_playwright_python.sync_playwright import Axe

WCAG_22_A_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]

_axe = Axe()


def assert_accessible(page) -> None:
    """Fails with axe's report if the page breaks any WCAG 2.2 A or AA rule."""
    results = _axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_22_A_AA}})
    assert results.violations_count == 0, f"axe found problems on {page.url}:\n{results.generate_report()}"
