"""Build the offline spaCy pipeline the NLU uses: blank English + lookup lemmatizer.

spaCy's pretrained models are not on PyPI, so the project builds its own pipeline from
installable packages (`spacy` and `spacy-lookups-data`) and saves it to a folder that
`config.yml` (SpacyNLP) and the contraindication extractor load. No network is used.
"""

from __future__ import annotations

import sys
from pathlib import Path

import spacy

from meso.settings import SPACY_MODEL_DIR

DEFAULT_TARGET = SPACY_MODEL_DIR


def build(target: Path) -> Path:
    """Create the blank English pipeline with a lookup lemmatizer and save it."""
    nlp = spacy.blank("en")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()  # loads the lookup tables from spacy-lookups-data
    nlp.meta["name"] = "meso_lookup"
    nlp.meta["description"] = "Blank English tokenizer + lookup lemmatizer (built offline)"
    target.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(target)
    return target


if __name__ == "__main__":
    out = build(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_TARGET)
    check = spacy.load(out)
    print(
        f"spaCy pipeline saved to {out}: "
        + " ".join(t.lemma_ for t in check("injections hurts bruises"))
    )
