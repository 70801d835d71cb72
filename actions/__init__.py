"""Custom actions of the mesotherapy FAQ assistant (run by `rasa run actions`).

With MESO_PRELOAD=1 (set by scripts/serve.py and the deployment files) the action server
warms up the spaCy condition extractor in a background thread at start-up, so the first
visitor who starts the check does not wait for spaCy to load.
"""

import os
import threading

if os.environ.get("MESO_PRELOAD") == "1":
    from actions.conditions import preload

    threading.Thread(target=preload, name="preload-extractor", daemon=True).start()
