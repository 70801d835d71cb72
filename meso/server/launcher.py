"""Start Rasa's servers the project's way: `meso rasa ...` and `meso actions ...`.

- `meso rasa run ARGS`: installs meso/server/hooks.py in this process, then runs Rasa's own
  command line (`rasa run ARGS`) here, so the hooks hold whatever channels are configured.
  Unless ARGS has its own `--cors`, the web origins come from the clinic settings
  (`allowed_origins`, parsed by meso/settings.py exactly as the widget channel parses them).
  `make run`, the tests, the benchmark and the container images all start the Rasa server
  this way.
- `meso actions ARGS`: the action server (`rasa_sdk`'s command line, same arguments), after
  starting to load the condition reader in a background thread, so the first visitor who
  starts the check does not wait for spaCy; once loaded, what survives a collection is
  frozen out of later ones (`gc.freeze()`, as for the Rasa server's model: each full
  collection otherwise walked the spaCy tables, about 300 ms).
"""

from __future__ import annotations

import gc
import sys
import threading
import time
from typing import List


def say(line: str) -> None:
    """One log line on stderr, before Rasa has configured logging."""
    stamp = time.strftime("%Y-%m-%d %H:%M:%S")
    sys.stderr.write(f"{stamp} INFO     meso.server.launcher  - {line}\n")
    sys.stderr.flush()


def run_rasa(argv: List[str]) -> None:
    """Install the hooks, then run Rasa's command line with `argv` in this process."""
    from meso.server import hooks

    for line in hooks.install() or ["none (see the error above)"]:
        say(f"hook installed: {line}")
    from rasa.__main__ import main

    sys.argv = ["rasa", *with_cors(argv)]
    main()


def with_cors(argv: List[str]) -> List[str]:
    """`rasa run` arguments, with `--cors` from the clinic settings when not given."""
    if not argv or argv[0] != "run" or "--cors" in argv or argv[1:2] == ["actions"]:
        return list(argv)
    from meso import settings

    origins = settings.allowed_origins()
    # one --cors with every origin: argparse keeps only the last repeated flag
    return [*argv, "--cors", *origins] if origins else list(argv)


def warm_up_actions() -> None:
    """Load the condition reader, then keep the long-lived objects out of later collections."""
    from actions.conditions import preload

    preload()
    gc.collect()
    gc.freeze()


def run_actions(argv: List[str]) -> None:
    """Run the action server (rasa_sdk) with `argv`, loading the reader in the background."""
    from rasa_sdk.__main__ import main_from_args
    from rasa_sdk.endpoint import create_argument_parser

    args = create_argument_parser().parse_args(argv)
    threading.Thread(target=warm_up_actions, name="preload-reader", daemon=True).start()
    main_from_args(args)
