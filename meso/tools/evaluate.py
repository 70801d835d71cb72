"""The one NLU evaluation: the quality gate of `make test`, `make evaluate` and `make publish`.

    make evaluate                      # newest model in models/ vs models/published.json
    make evaluate MODEL=models/x.tar.gz
    make test-nlu                      # `meso evaluate --gate`: the suite's quality gate
    meso evaluate --gate --split       # train on 80% of data/, score the other 20%

All three score with the same rules (below), so the gate and the publish check cannot judge
one model differently.

Writes results/report/: report.md and report.html (per-intent precision, recall and F1,
the confusions, the misses, and the change against the published model),
f1_by_intent.png and confusion_matrix.png, and metrics.json.

Models run in-process (rasa.core.agent.Agent.load + parse_message). A prediction of the
retrieval intent `faq` is resolved to its topic `faq/<topic>` through the response selector,
and `nlu_fallback` counts as `out_of_scope`, as in the clinic's shared evaluation script.
The held-out questions (tests/nlu_holdout.yml) are our own phrasings, in Rasa NLU format;
they are never training data and never copied from the shared evaluation set.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import html
import json
import logging
import os
import statistics
import sys
import tempfile
import time
import warnings
from collections import Counter
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Tuple

from meso.tools.common import (
    newest_model,
    now,
    project_root,
    read_published,
    rel,
    sha256,
    silence_library_warnings,
)

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
os.environ.setdefault("MPLBACKEND", "Agg")

HOLDOUT = "tests/nlu_holdout.yml"
REPORT_DIR = "results/report"
FALLBACK = "nlu_fallback"
# Questions that name a condition may fairly start the check instead (as the shared evaluation).
EQUIVALENT = {frozenset({"faq/contraindications", "check_eligibility"})}


def canonical(label: str) -> str:
    """The label a prediction is scored as: nlu_fallback (or nothing) counts as out_of_scope."""
    return "out_of_scope" if label in (FALLBACK, "") else label


def same(expected: str, predicted: str) -> bool:
    """Whether a prediction counts as right for an expected label."""
    predicted = canonical(predicted)
    return expected == predicted or frozenset({expected, predicted}) in EQUIVALENT


def predicted_label(parse: Dict[str, Any]) -> str:
    """The intent, or faq/<topic> when the response selector resolved the retrieval intent."""
    intent = (parse.get("intent") or {}).get("name") or ""
    selector = parse.get("response_selector") or {}
    for key in (intent, "default"):
        response = (selector.get(key) or {}).get("response") or {}
        full = response.get("intent_response_key")
        if full and full.split("/")[0] == intent:
            return str(full)
    return str(intent)


def load_holdout(path: Path) -> List[Tuple[str, str]]:
    """(text, expected label) of every held-out example, labels like greet or faq/pain."""
    from rasa.shared.nlu.training_data.loading import load_data

    data = load_data(str(path))
    pairs = []
    for example in data.intent_examples:
        label = example.get("intent_response_key") or example.get("intent")
        pairs.append((str(example.get("text")), str(label)))
    if not pairs:
        sys.exit(f"{path}: no held-out examples")
    return pairs


def quiet_rasa() -> None:
    """Keep Rasa's and TensorFlow's logging out of the report output."""
    warnings.filterwarnings("ignore")
    from rasa.utils.log_utils import configure_structlog

    configure_structlog(logging.WARNING)
    for name in ("rasa", "tensorflow", "absl", "matplotlib", "sanic", "spacy"):
        logging.getLogger(name).setLevel(logging.ERROR)


async def _predict(model: Path, texts: Sequence[str]) -> List[Dict[str, Any]]:
    """Parse every text with the model, in-process."""
    from rasa.core.agent import Agent

    agent = Agent.load(str(model))
    await agent.parse_message("hello")  # warm up
    out = []
    for text in texts:
        start = time.perf_counter()
        parse = await agent.parse_message(text)
        elapsed = (time.perf_counter() - start) * 1000
        out.append(
            {
                "label": predicted_label(parse),
                "confidence": round(float((parse.get("intent") or {}).get("confidence") or 0), 3),
                "ms": round(elapsed, 1),
            }
        )
    del agent
    gc.collect()
    return out


def score(expected: Sequence[str], predicted: Sequence[str]) -> Dict[str, Any]:
    """Accuracy, macro F1 and per-label precision/recall/F1 (labels of the held-out set)."""
    scored = [e if same(e, p) else canonical(p) for e, p in zip(expected, predicted, strict=True)]
    labels = sorted(set(expected))
    per_label: Dict[str, Dict[str, float]] = {}
    for label in labels:
        tp = sum(1 for e, p in zip(expected, scored, strict=True) if e == label and p == label)
        fp = sum(1 for e, p in zip(expected, scored, strict=True) if p == label and e != label)
        fn = sum(1 for e, p in zip(expected, scored, strict=True) if e == label and p != label)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_label[label] = {
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "f1": round(f1, 4),
            "support": tp + fn,
        }
    accuracy = sum(e == p for e, p in zip(expected, scored, strict=True)) / len(expected)
    macro_f1 = statistics.mean(v["f1"] for v in per_label.values())
    confusions = Counter((e, canonical(p)) for e, p in zip(expected, scored, strict=True) if e != p)
    return {
        "accuracy": round(accuracy, 4),
        "macro_f1": round(macro_f1, 4),
        "n": len(expected),
        "fallback_rate": round(sum(p == FALLBACK for p in predicted) / len(predicted), 4),
        "per_label": per_label,
        "confusions": [
            {"expected": e, "predicted": p, "count": c} for (e, p), c in confusions.most_common()
        ],
    }


def evaluate(
    model: Path, holdout: Path, cache_dir: Optional[Path] = None, cached_only: bool = False
) -> Any:
    """Score one model on the held-out set (cached by model and held-out file hashes)."""
    model_sha, holdout_sha = sha256(model), sha256(holdout)
    cache = cache_dir / f"{model_sha[:16]}-{holdout_sha[:16]}.json" if cache_dir else None
    if cache is not None and cache.exists():
        result = json.loads(cache.read_text(encoding="utf-8"))
        result["model"] = str(model)
        return result
    if cached_only:
        return None
    quiet_rasa()
    pairs = load_holdout(holdout)
    texts = [t for t, _ in pairs]
    expected = [label for _, label in pairs]
    print(f"==> scoring {model.name} on {len(texts)} held-out questions", flush=True)
    started = time.perf_counter()
    predictions = asyncio.run(_predict(model, texts))
    result = score(expected, [p["label"] for p in predictions])
    times = sorted(p["ms"] for p in predictions)
    result.update(
        {
            "model": str(model),
            "model_sha256": model_sha,
            "holdout": str(holdout),
            "holdout_sha256": holdout_sha,
            "evaluated_at": now(),
            "seconds": round(time.perf_counter() - started, 1),
            "p50_ms": round(statistics.median(times), 1),
            "p95_ms": times[min(len(times) - 1, int(0.95 * len(times)))],
            "predictions": [
                {"text": t, "expected": e, **p}
                for t, e, p in zip(texts, expected, predictions, strict=True)
            ],
        }
    )
    if cache is not None:
        cache.parent.mkdir(parents=True, exist_ok=True)
        cache.write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")
    return result


def compare(new: Dict[str, Any], old: Optional[Dict[str, Any]]) -> Dict[str, Any]:
    """Deltas (in points, i.e. x100) of overall and per-label scores against the old model."""
    if old is None:
        return {}
    labels = sorted(set(new["per_label"]) | set(old["per_label"]))
    per_label = {}
    for label in labels:
        a = new["per_label"].get(label, {}).get("f1")
        b = old["per_label"].get(label, {}).get("f1")
        per_label[label] = None if a is None or b is None else round((a - b) * 100, 1)
    return {
        "accuracy": round((new["accuracy"] - old["accuracy"]) * 100, 1),
        "macro_f1": round((new["macro_f1"] - old["macro_f1"]) * 100, 1),
        "per_label_f1": per_label,
    }


def plot_f1(new: Dict[str, Any], old: Optional[Dict[str, Any]], path: Path) -> None:
    """Horizontal bars of per-intent F1 (published model as a grey outline)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch

    labels = sorted(new["per_label"], key=lambda k: (new["per_label"][k]["f1"], k))
    values = [new["per_label"][k]["f1"] * 100 for k in labels]
    height = max(3.0, 0.32 * len(labels) + 1.5)
    fig, ax = plt.subplots(figsize=(9, height))
    colours = []
    for label, value in zip(labels, values, strict=True):
        before = (old or {}).get("per_label", {}).get(label, {}).get("f1")
        if before is not None and value < before * 100 - 0.05:
            colours.append("#d62728")
        elif value >= 90:
            colours.append("#2ca02c")
        else:
            colours.append("#ff7f0e")
    ax.barh(labels, values, color=colours)
    if old is not None:
        before_values = [old["per_label"].get(k, {}).get("f1", float("nan")) * 100 for k in labels]
        ax.barh(labels, before_values, fill=False, edgecolor="#333333", linewidth=1.2)
    for y, (label, value) in enumerate(zip(labels, values, strict=True)):
        before = (old or {}).get("per_label", {}).get(label, {}).get("f1")
        note = f"{value:.0f}"
        if before is not None and abs(value - before * 100) >= 0.5:
            note += f" ({value - before * 100:+.0f})"
        ax.text(min(value + 1, 101), y, note, va="center", fontsize=8)
    handles = [Patch(color="#2ca02c", label="F1 ≥ 90"), Patch(color="#ff7f0e", label="F1 < 90")]
    if old is not None:
        handles.append(Patch(color="#d62728", label="worse than published"))
        handles.append(Patch(fill=False, edgecolor="#333333", label="published model"))
    ax.invert_yaxis()  # worst first, at the top
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8)
    ax.set_xlim(0, 115)
    ax.set_xlabel("F1 on the held-out questions (%)")
    delta = ""
    if old is not None:
        delta = f"  (published {old['macro_f1'] * 100:.1f})"
    ax.set_title(f"Per-intent F1 (worst at the top): macro F1 {new['macro_f1'] * 100:.1f}{delta}")
    fig.tight_layout()
    fig.savefig(path, dpi=110, bbox_inches="tight")
    plt.close(fig)


def plot_confusion(new: Dict[str, Any], path: Path) -> None:
    """Heatmap of expected (rows) vs predicted (columns), share of each row."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    rows = sorted(new["per_label"])
    predicted = {canonical(p["label"]) for p in new["predictions"]}
    columns = rows + sorted(predicted - set(rows))
    index_r = {label: i for i, label in enumerate(rows)}
    index_c = {label: i for i, label in enumerate(columns)}
    counts = np.zeros((len(rows), len(columns)))
    for p in new["predictions"]:
        e = p["expected"]
        got = e if same(e, p["label"]) else canonical(p["label"])
        counts[index_r[e], index_c[got]] += 1
    share = counts / np.maximum(counts.sum(axis=1, keepdims=True), 1)
    size = max(5.0, 0.38 * len(columns) + 3)
    fig, ax = plt.subplots(figsize=(size, max(4.0, 0.38 * len(rows) + 2.5)))
    image = ax.imshow(share, cmap="Blues", vmin=0, vmax=1, aspect="auto")
    ax.set_xticks(range(len(columns)))
    ax.set_xticklabels(columns, rotation=60, ha="right", fontsize=8)
    ax.set_yticks(range(len(rows)))
    ax.set_yticklabels(rows, fontsize=8)
    for r in range(len(rows)):
        for c in range(len(columns)):
            if counts[r, c]:
                wrong = rows[r] != columns[c]
                ax.text(
                    c,
                    r,
                    f"{counts[r, c]:.0f}",
                    ha="center",
                    va="center",
                    fontsize=7,
                    color="#d62728" if wrong else ("white" if share[r, c] > 0.5 else "black"),
                    fontweight="bold" if wrong else "normal",
                )
    ax.set_xlabel("predicted")
    ax.set_ylabel("expected")
    ax.set_title("Confusion matrix (held-out questions; red = mistakes)")
    fig.colorbar(image, ax=ax, fraction=0.03, label="share of the row")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def _fmt_delta(value: Optional[float]) -> str:
    """+1.2 / -3.4 / (new)."""
    if value is None:
        return "new"
    return f"{value:+.1f}" if value else "0.0"


def report_rows(new: Dict[str, Any], diff: Dict[str, Any]) -> List[List[str]]:
    """Rows of the per-intent table, worst F1 first."""
    rows = []
    for label, v in sorted(new["per_label"].items(), key=lambda kv: (kv[1]["f1"], kv[0])):
        delta = diff.get("per_label_f1", {}).get(label) if diff else None
        rows.append(
            [
                label,
                f"{v['precision'] * 100:.0f}",
                f"{v['recall'] * 100:.0f}",
                f"{v['f1'] * 100:.0f}",
                str(v["support"]),
                _fmt_delta(delta) if diff else "",
            ]
        )
    return rows


def write_report(
    new: Dict[str, Any],
    old: Optional[Dict[str, Any]],
    out: Path,
    root: Path,
    note: str = "",
) -> Dict[str, Path]:
    """report.md, report.html, metrics.json and the two plots."""
    out.mkdir(parents=True, exist_ok=True)
    diff = compare(new, old)
    paths = {
        "markdown": out / "report.md",
        "html": out / "report.html",
        "json": out / "metrics.json",
        "f1_plot": out / "f1_by_intent.png",
        "confusion_plot": out / "confusion_matrix.png",
    }
    plot_f1(new, old, paths["f1_plot"])
    plot_confusion(new, paths["confusion_plot"])

    def model_name(result: Dict[str, Any]) -> str:
        return rel(Path(result["model"]), root)

    summary = [
        f"- model: `{model_name(new)}` (sha256 {new['model_sha256'][:12]})",
        f"- held-out questions: `{rel(Path(new['holdout']), root)}`, n={new['n']}",
        f"- **accuracy {new['accuracy'] * 100:.1f}**, **macro F1 {new['macro_f1'] * 100:.1f}**, "
        f"fallback rate {new['fallback_rate'] * 100:.1f}%, "
        f"parse p50 {new['p50_ms']} ms / p95 {new['p95_ms']} ms",
    ]
    if old is not None:
        summary.append(
            f"- against the published model `{model_name(old)}`: accuracy "
            f"{old['accuracy'] * 100:.1f} → {new['accuracy'] * 100:.1f} "
            f"(**{_fmt_delta(diff['accuracy'])}**), macro F1 {old['macro_f1'] * 100:.1f} → "
            f"{new['macro_f1'] * 100:.1f} (**{_fmt_delta(diff['macro_f1'])}**)"
        )
    else:
        summary.append(f"- {note or 'no published model to compare with (models/published.json)'}")
    header = ["intent", "precision", "recall", "F1", "n", "ΔF1 vs published" if old else ""]
    rows = report_rows(new, diff)
    misses = [p for p in new["predictions"] if not same(p["expected"], p["label"])]
    md = ["# NLU evaluation on the held-out questions", "", f"_{new['evaluated_at']}_", ""]
    md += summary + ["", "![per-intent F1](f1_by_intent.png)", ""]
    md += ["## Per intent (worst first)", "", "| " + " | ".join(header) + " |"]
    md += ["|" + "---|" * len(header)] + ["| " + " | ".join(r) + " |" for r in rows]
    md += ["", "## Confusions (expected → predicted)", ""]
    if new["confusions"]:
        md += [f"- {c['expected']} → {c['predicted']}: {c['count']}" for c in new["confusions"]]
    else:
        md.append("- none")
    md += ["", "![confusion matrix](confusion_matrix.png)", "", "## Misses", ""]
    if misses:
        md += ["| question | expected | predicted | confidence |", "|---|---|---|---|"]
        md += [
            f"| {m['text']} | {m['expected']} | {m['label']} | {m['confidence']:.2f} |"
            for m in misses
        ]
    else:
        md.append("- none")
    paths["markdown"].write_text("\n".join(md) + "\n", encoding="utf-8")

    def cell(text: str, delta: bool = False) -> str:
        style = ""
        if delta and text not in ("", "0.0", "new"):
            style = ' style="color:#b00020"' if text.startswith("-") else ' style="color:#1b7f1b"'
        return f"<td{style}>{html.escape(text)}</td>"

    table = "".join(
        "<tr>" + "".join(cell(c, i == 5) for i, c in enumerate(r)) + "</tr>" for r in rows
    )
    miss_rows = "".join(
        f"<tr><td>{html.escape(m['text'])}</td><td>{m['expected']}</td><td>{m['label']}</td>"
        f"<td>{m['confidence']:.2f}</td></tr>"
        for m in misses
    )
    conf_items = "".join(
        f"<li>{c['expected']} → {c['predicted']}: {c['count']}</li>" for c in new["confusions"]
    )
    summary_html = "".join(
        f"<li>{html.escape(s[2:]).replace('**', '')}</li>".replace("`", "") for s in summary
    )
    page = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>NLU evaluation</title>
<style>body{{font-family:sans-serif;max-width:1100px;margin:2em auto;padding:0 1em}}
table{{border-collapse:collapse}}td,th{{border:1px solid #ccc;padding:3px 8px;text-align:right}}
td:first-child{{text-align:left}}img{{max-width:100%}}</style></head><body>
<h1>NLU evaluation on the held-out questions</h1><p><em>{new["evaluated_at"]}</em></p>
<ul>{summary_html}</ul>
<img src="f1_by_intent.png" alt="per-intent F1">
<h2>Per intent (worst first)</h2>
<table><tr>{"".join(f"<th>{h}</th>" for h in header)}</tr>{table}</table>
<h2>Confusions (expected → predicted)</h2><ul>{conf_items or "<li>none</li>"}</ul>
<img src="confusion_matrix.png" alt="confusion matrix">
<h2>Misses</h2><table><tr><th>question</th><th>expected</th><th>predicted</th>
<th>confidence</th></tr>{miss_rows}</table>
</body></html>
"""
    paths["html"].write_text(page, encoding="utf-8")
    slim = {k: v for k, v in new.items()}
    record = {
        "model": slim,
        "published": {k: v for k, v in old.items() if k != "predictions"} if old else None,
        "delta_points": diff or None,
    }
    paths["json"].write_text(json.dumps(record, indent=2, ensure_ascii=False), encoding="utf-8")
    return paths


def baseline_for(model: Path, models_dir: Path) -> Optional[Path]:
    """The published model to compare with (None when there is none or it is this model)."""
    current = read_published(models_dir).get("current")
    if not current:
        return None
    path = Path(current["model"])
    if not path.exists():
        print(f"warning: the published model {path} no longer exists; no comparison")
        return None
    if path.resolve() == model.resolve():
        return None
    return path


# --- the quality gate of `make test` (`meso evaluate --gate`) ------------------------------
GATE_THRESHOLD = 0.93  # accuracy on tests/nlu_holdout.yml + tests/nlu_probe.yml
SPLIT_THRESHOLD = 0.75  # accuracy on the 80/20 split (measured 0.78, then 0.90 with embeddings)
LABEL_FLOOR = 0.6  # no label may fall below this recall
PROBE = "tests/nlu_probe.yml"
SEED = 42


def training_data(root: Path) -> Any:
    """All NLU training data under data/."""
    from rasa.shared.importers.importer import TrainingDataImporter

    importer = TrainingDataImporter.load_from_config(
        str(root / "config.yml"), str(root / "domain.yml"), [str(root / "data")]
    )
    return importer.get_nlu_data()


def labelled(data: Any) -> List[Tuple[str, str]]:
    """(text, label) of each intent example; FAQ labels are faq/<topic>."""
    return [
        (str(ex.get("text")), str(ex.get("intent_response_key") or ex.get("intent")))
        for ex in data.intent_examples
    ]


def baseline_accuracy(root: Path, pairs: List[Tuple[str, str]]) -> float:
    """Accuracy of a word + char TF-IDF logistic regression trained on data/ (no fallback)."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import FeatureUnion, make_pipeline

    texts, labels = zip(*labelled(training_data(root)))
    model = make_pipeline(
        FeatureUnion(
            [
                ("words", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)),
                (
                    "chars",
                    TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True),
                ),
            ]
        ),
        LogisticRegression(max_iter=2000, C=10),
    )
    model.fit(list(texts), list(labels))
    predicted = model.predict([text for text, _ in pairs])
    return sum(same(e, str(p)) for (_, e), p in zip(pairs, predicted)) / len(pairs)


def split_pairs(root: Path) -> Tuple[Path, List[Tuple[str, str]], Any]:
    """Train an NLU model on a seeded, stratified 80% of data/: (model, the other 20%, tmp)."""
    from rasa.model_training import train_nlu

    train, test = training_data(root).train_test_split(train_frac=0.8, random_seed=SEED)
    tmp = tempfile.TemporaryDirectory()
    train_file = Path(tmp.name) / "train.yml"
    train_file.write_text(train.nlu_as_yaml(), encoding="utf-8")
    print(f"==> training an NLU model on {len(train.intent_examples)} examples", flush=True)
    train_nlu(
        config=str(root / "config.yml"),
        nlu_data=str(train_file),
        output=str(Path(tmp.name) / "models"),
        domain=str(root / "domain.yml"),
    )
    model = newest_model(Path(tmp.name) / "models")
    assert model is not None
    return model, labelled(test), tmp


def quality_gate(root: Path, model: Optional[Path], split: bool, out: Path) -> int:
    """Score, print the misses, write the figures; 1 when the model fails the gate."""
    tmp = None
    baseline: Optional[float] = None
    if split:
        model, pairs, tmp = split_pairs(root)
        name, threshold = "80/20 split", SPLIT_THRESHOLD
    else:
        if model is None:
            print("no trained model in models/: run `make train` first")
            return 2
        pairs = load_holdout(root / HOLDOUT) + load_holdout(root / PROBE)
        name, threshold = "holdout + probe", GATE_THRESHOLD
        baseline = baseline_accuracy(root, pairs)
    quiet_rasa()
    predictions = asyncio.run(_predict(model, [text for text, _ in pairs]))
    if tmp is not None:
        tmp.cleanup()
    results = [(t, e, str(p["label"])) for (t, e), p in zip(pairs, predictions)]
    per_label: Dict[str, Counter] = {}
    for _, expected, predicted in results:
        per_label.setdefault(expected, Counter())[
            "ok" if same(expected, predicted) else "miss"
        ] += 1
    accuracy = sum(same(e, p) for _, e, p in results) / len(results)
    weak = {
        label: c["ok"] / (c["ok"] + c["miss"])
        for label, c in per_label.items()
        if c["ok"] / (c["ok"] + c["miss"]) < LABEL_FLOOR
    }
    for text, expected, predicted in results:
        if not same(expected, predicted):
            print(f"  miss: {text!r} expected {expected}, got {predicted}")
    figures: Dict[str, Any] = {"set": name, "accuracy": accuracy, "n": len(results)}
    figures.update({"threshold": threshold, "tfidf_baseline": baseline, "weak": weak})
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(figures, indent=2), encoding="utf-8")
    versus = "" if baseline is None else f", TF-IDF baseline {baseline:.3f}"
    print(
        f"{name} accuracy={accuracy:.3f} on n={len(results)} "
        f"(threshold {threshold}, per-label floor {LABEL_FLOOR}{versus})"
    )
    if accuracy < threshold or weak:
        print(f"NLU quality gate failed: accuracy {accuracy:.3f}, weak labels {weak}")
        return 1
    if baseline is not None and accuracy < baseline:
        print(
            f"NLU quality gate failed: {accuracy:.3f} is below the TF-IDF baseline {baseline:.3f}"
        )
        return 1
    return 0


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Evaluate a model, compare it with the published one and write the report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", help="project folder (default: this project)")
    parser.add_argument("--model", help="model archive (default: the newest in models/)")
    parser.add_argument("--holdout", default=HOLDOUT)
    parser.add_argument("--out", default=REPORT_DIR)
    parser.add_argument("--models-dir", default="models")
    parser.add_argument("--gate", action="store_true", help="the quality gate of `make test`")
    parser.add_argument("--split", action="store_true", help="with --gate: 80/20 split of data/")
    silence_library_warnings()
    args = parser.parse_args(argv)
    root = project_root(args.root)
    models_dir = root / args.models_dir
    model = Path(args.model).resolve() if args.model else newest_model(models_dir)
    if args.gate:
        return quality_gate(root, model, args.split, root / "results" / "nlu_quality.json")
    if model is None or not model.exists():
        print(f"no model to evaluate in {rel(models_dir, root)}/: run `make train` first")
        return 2
    holdout = root / args.holdout
    out = root / args.out
    cache = root / "results" / "eval_cache"
    new = evaluate(model, holdout, cache)
    base_path = baseline_for(model, models_dir)
    old = evaluate(base_path, holdout, cache) if base_path else None
    current = read_published(models_dir).get("current") or {}
    note = "this model is the published one" if current.get("model") == str(model) else ""
    paths = write_report(new, old, out, root, note)
    diff = compare(new, old)
    line = f"accuracy={new['accuracy']:.3f} macro_f1={new['macro_f1']:.3f} n={new['n']}"
    if diff:
        line += (
            f" delta_accuracy={diff['accuracy']:+.1f}pt delta_macro_f1={diff['macro_f1']:+.1f}pt"
        )
    print(f"==> report: {rel(paths['html'], root)} (and report.md, *.png)")
    print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
