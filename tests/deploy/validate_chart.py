"""Lint and render the Helm chart offline, validate every manifest: run with .venv-tools.

    .venv-tools/bin/python tests/deploy/validate_chart.py CHART VALUES.json [K8S_VERSION...]

(helm-python-sdk and kubernetes-validate live in their own venv: `make deploy-tools`.)
Prints one JSON object: the lint report, the rendered documents (parsed) and every
validation error; exit status 0 when the chart lints clean and every document validates.
"""

from __future__ import annotations

import json
import sys
from typing import Any, Dict, List

import helm_python
import kubernetes_validate
import yaml


def main(argv: List[str]) -> int:
    """Lint, render, validate."""
    chart, values_file, *versions = argv
    values: Dict[str, Any] = json.loads(open(values_file, encoding="utf-8").read())
    report: Dict[str, Any] = {"errors": []}
    lint = helm_python.lint(chart, values, strict=True)
    report["lint"] = lint
    problems = [m for m in lint["messages"] if m["severity"] >= 2] + list(lint["errors"])
    report["errors"] += [f"lint: {p}" for p in problems]
    rendered: Dict[str, str] = {}
    try:
        with helm_python.Chart.load(chart) as loaded:
            rendered = loaded.render(values, name="meso", namespace="clinic", is_install=True)
    except helm_python.HelmError as err:
        report["errors"].append(f"render: {err}")
    documents = [
        doc
        for text in rendered.values()
        for doc in yaml.safe_load_all(text)
        if isinstance(doc, dict) and doc
    ]
    report["documents"] = documents
    for version in versions or [kubernetes_validate.latest_version()]:
        for doc in documents:
            where = f"{doc.get('kind')}/{doc.get('metadata', {}).get('name')} (k8s {version})"
            try:
                kubernetes_validate.validate(doc, version, strict=True)
            except kubernetes_validate.ValidationError as err:
                report["errors"].append(f"{where}: {err.message} at {list(err.path)}")
            except Exception as err:  # noqa: BLE001 - schema not found and the like
                report["errors"].append(f"{where}: {type(err).__name__}: {err}")
    print(json.dumps(report))
    return 0 if not report["errors"] else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
