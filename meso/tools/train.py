"""Check the content, then fine-tune the previous model when Rasa allows it, else train.

    make train-fast                         # base: the published model, else the newest
    make train-fast BASE=models/x.tar.gz EPOCH_FRACTION=0.5

The content check (`meso check`) runs first; nothing is trained when it fails.

Rasa 3.6 (`rasa train --finetune`, experimental "incremental training") can fine-tune only
when, compared with the base model's training:
  1. config.yml is the same except for `epochs`;
  2. the domain, responses' texts aside, is the same: no new or removed intents, actions,
     slots, forms, entities or response names. A NEW FAQ topic adds the response
     utter_faq/<topic>, so it always needs a full training;
  3. the NLU data has the same labels (intents, entities, action names) as before.
Editing examples of existing intents or topics, or the text of existing answers, can be
fine-tuned. This script checks the three conditions itself (with Rasa's own fingerprints
stored in the base model), says which one fails, and falls back to a full `rasa train`;
if Rasa still refuses (InvalidConfigException "Cannot finetune"), it falls back too.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import tarfile
import warnings
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence

from meso.tools.common import (
    newest_model,
    project_root,
    published_model,
    rasa_bin,
    rel,
    run_streaming,
    silence_library_warnings,
)

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

VALIDATOR_FILE = "components/finetuning_validator/fingerprints-for-validation.json"
REFUSED = ("Cannot finetune", "Finetuning is enabled but", "No model for finetuning found")


def read_archive(model: Path) -> Dict[str, Any]:
    """The base model's training metadata and the fine-tuning fingerprints Rasa stored."""
    with tarfile.open(model, "r:gz") as archive:
        metadata = json.load(archive.extractfile("metadata.json"))  # type: ignore[arg-type]
        try:
            member = archive.extractfile(VALIDATOR_FILE)
            fingerprints = json.load(member) if member else {}
        except KeyError:
            fingerprints = {}
    return {"metadata": metadata, "fingerprints": fingerprints}


def _names(domain: Dict[str, Any], key: str) -> set:
    """Names listed under a domain key (a list of names or of single-key mappings, or a map)."""
    value = domain.get(key) or []
    if isinstance(value, dict):
        return set(value)
    names = set()
    for item in value:
        names.add(next(iter(item)) if isinstance(item, dict) else str(item))
    return names


def finetune_blockers(root: Path, base: Path) -> List[str]:
    """Why Rasa would refuse to fine-tune `base` on the current project (empty: it can)."""
    warnings.filterwarnings("ignore")
    logging.getLogger("rasa").setLevel(logging.ERROR)
    from rasa.engine.graph import ExecutionContext
    from rasa.engine.recipes.recipe import Recipe
    from rasa.graph_components.validators.finetuning_validator import (
        FINGERPRINT_CONFIG,
        FINGERPRINT_CORE,
        FINGERPRINT_NLU,
        FinetuningValidator,
    )
    from rasa.shared.data import TrainingType
    from rasa.shared.importers.importer import TrainingDataImporter

    stored = read_archive(base)
    fingerprints = stored["fingerprints"]
    old_domain = stored["metadata"].get("domain") or {}
    if not fingerprints:
        return ["the base model has no fine-tuning fingerprints (not trained by Rasa 3.x?)"]
    version = stored["metadata"].get("rasa_open_source_version")
    import rasa

    if version and version.split(".")[:2] != rasa.__version__.split(".")[:2]:
        return [f"the base model was trained with Rasa {version}, this is {rasa.__version__}"]

    cwd = os.getcwd()
    os.chdir(root)
    try:
        importer = TrainingDataImporter.load_from_config(
            "config.yml", "domain.yml" if (root / "domain.yml").exists() else "domain", ["data"]
        )
        config = importer.get_config()
        recipe = Recipe.recipe_for_name(config.get("recipe"))
        config, _, _ = recipe.auto_configure(
            importer.get_config_file_for_auto_config(), config, TrainingType.BOTH
        )
        graph = recipe.graph_config_for_recipe(
            config, {}, training_type=TrainingType.BOTH, is_finetuning=True
        )
        validator = FinetuningValidator(
            {"validate_core": True, "validate_nlu": True},
            None,
            None,
            ExecutionContext(graph.train_schema, is_finetuning=True),
            {},
        )
        config_fp = validator._get_fingerprint_of_schema_without_irrelevant_keys()
        domain = importer.get_domain()
        core_fp = FinetuningValidator._get_fingerprint_of_domain_pruned_for_core(domain)
        nlu_data = importer.get_nlu_data()
        nlu_fp = nlu_data.label_fingerprint()
    finally:
        os.chdir(cwd)

    blockers: List[str] = []
    if config_fp != fingerprints.get(FINGERPRINT_CONFIG):
        blockers.append("config.yml changed in more than the `epochs` settings")
    if core_fp != fingerprints.get(FINGERPRINT_CORE):
        new = domain.as_dict()
        details = []
        for key in ("intents", "responses", "actions", "slots", "forms", "entities"):
            added = sorted(_names(new, key) - _names(old_domain, key))
            removed = sorted(_names(old_domain, key) - _names(new, key))
            if added:
                details.append(f"new {key}: {', '.join(added)}")
            if removed:
                details.append(f"removed {key}: {', '.join(removed)}")
        topics = [r for r in _names(new, "responses") - _names(old_domain, "responses")]
        if any(r.startswith("utter_faq/") for r in topics):
            details.append("a new FAQ topic always needs a full training")
        blockers.append(
            "the domain changed (not only response texts)"
            + (": " + "; ".join(details) if details else "")
        )
    if nlu_fp != fingerprints.get(FINGERPRINT_NLU):
        blockers.append("the NLU labels changed (intents, entities or action names added/removed)")
    return blockers


def choose_base(root: Path, models_dir: Path, explicit: Optional[str]) -> Optional[Path]:
    """The model to fine-tune: BASE, else the published model, else the newest in models/."""
    if explicit:
        path = Path(explicit)
        path = path if path.is_absolute() else root / path
        return path.resolve() if path.exists() else None
    return published_model(models_dir) or newest_model(models_dir)


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Fine-tune when possible, else (saying why) train from scratch."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", help="project folder (default: this project)")
    parser.add_argument("--base", default=os.environ.get("BASE") or None)
    parser.add_argument("--epoch-fraction", type=float, default=0.5)
    parser.add_argument("--out", default="models")
    parser.add_argument("--check-only", action="store_true", help="only say if it applies")
    parser.add_argument("--skip-content-check", action="store_true", help="train unchecked")
    silence_library_warnings()
    args = parser.parse_args(argv)
    root = project_root(args.root)
    models_dir = root / args.out
    if not (args.check_only or args.skip_content_check):
        from meso.tools import check

        if check.main(["--root", str(root)]) != 0:
            print("==> train-fast: not training, the content check failed (see above)")
            return 1

    base = choose_base(root, models_dir, args.base)
    if base is None:
        blockers = [f"there is no previous model in {rel(models_dir, root)}/ to fine-tune"]
    else:
        print(f"==> train-fast: checking whether {rel(base, root)} can be fine-tuned", flush=True)
        blockers = finetune_blockers(root, base)
    if args.check_only:
        print("fine-tuning applies" if not blockers else "fine-tuning does not apply:")
        for reason in blockers:
            print(f"  - {reason}")
        return 0 if not blockers else 3

    full = [rasa_bin(), "train", "--out", args.out]
    if not blockers:
        assert base is not None
        print(
            f"==> fine-tuning {rel(base, root)} for {args.epoch_fraction:g} of the configured "
            "epochs (rasa train --finetune)",
            flush=True,
        )
        cmd = full + ["--finetune", str(base), "--epoch-fraction", str(args.epoch_fraction)]
        code, output = run_streaming(cmd, root)
        if code == 0:
            print("==> train-fast: fine-tuned model saved in models/")
            return 0
        if not any(marker in output for marker in REFUSED):
            return code
        blockers = ["Rasa refused to fine-tune (see its message above)"]
    print("==> FINE-TUNING DOES NOT APPLY, so this is a FULL training:", flush=True)
    for reason in blockers:
        print(f"    - {reason}", flush=True)
    code, _ = run_streaming(full, root)
    if code == 0:
        print("==> train-fast: fully trained model saved in models/ (fine-tuning did not apply)")
    return code


if __name__ == "__main__":
    sys.exit(main())
