"""The vendored Chart.js is the exact npm release pinned in package.json (minus its source-map line)."""

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
VENDORED = ROOT / "supple" / "progress" / "static" / "progress" / "vendor" / "chart.umd.js"


def test_the_vendored_chart_js_matches_the_pinned_npm_package():
    pinned = json.loads((ROOT / "package.json").read_text())["devDependencies"]["chart.js"]
    package = ROOT / "node_modules" / "chart.js"
    assert json.loads((package / "package.json").read_text())["version"] == pinned
    published = (package / "dist" / "chart.umd.js").read_text().splitlines()
    assert published[-1].startswith("//# sourceMappingURL=")
    assert VENDORED.read_text().splitlines() == published[:-1]
