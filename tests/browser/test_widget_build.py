"""The widget's own JavaScript tests (`npm test` in widget/: the markdown renderer)."""

from __future__ import annotations

import shutil
import subprocess

from tests.browser.conftest import ROOT, missing


def test_widget_npm_tests() -> None:
    npm = shutil.which("npm")
    if npm is None or not (ROOT / "widget" / "node_modules").is_dir():
        missing("npm or widget/node_modules missing: run `make install`")
    result = subprocess.run(
        [npm, "test", "--silent"],
        cwd=ROOT / "widget",
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
