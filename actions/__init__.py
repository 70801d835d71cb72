"""Custom actions of the mesotherapy FAQ assistant (run by `rasa run actions`).

With MESO_PRELOAD=1 (set by scripts/serve.py and the deployment files) the action server
warms up the spaCy condition extractor in a background thread at start-up, so the first
visitor who starts the check does not wait for spaCy to load. It then collects garbage
once and freezes what survives (`gc.freeze()`): the spaCy tables and the server live as
long as the process, and without this each full collection walked them all, stopping the
server for about 300 ms (measured with `make benchmark`; channels/performance.py does
the same for the Rasa server).
"""

import gc
import os
import threading


def _warm_up() -> None:
    """Load the extractor, then keep the long-lived objects out of later collections."""
    from actions.conditions import preload

    preload()
    gc.collect()
    gc.freeze()


if os.environ.get("MESO_PRELOAD") == "1":
    threading.Thread(target=_warm_up, name="preload-extractor", daemon=True).start()
