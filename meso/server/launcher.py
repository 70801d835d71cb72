"""Start Rasa's servers the project's way: `meso rasa ...` and `meso actions ...`.

- `meso rasa run ARGS`: installs meso/server/hooks.py in this process, then runs Rasa's own
  command line (`rasa run ARGS`) here, so the hooks hold whatever channels are configured.
  Unless ARGS has its own `--cors`, the web origins come from the clinic settings
  (`allowed_origins`, parsed by meso/settings.py exactly as the widget channel parses them).
  `make run`, the tests, the benchmark and the container images all start the Rasa server
  this way.
- Both keep the terminal quiet and the machine private: Rasa's usage telemetry is off
  (`RASA_TELEMETRY_ENABLED=false` unless set), library deprecation warnings are not shown,
  Sanic refuses request bodies over `MAX_REQUEST_BYTES` from their Content-Length (and
  stops reading a chunked body there), and the API token is read from the environment or
  run/ (meso/settings.py) and handed to Rasa inside the process: `--enable-api` alone on
  the command line, so no other local user can read the token in /proc/<pid>/cmdline.
- `meso actions ARGS`: the action server (`rasa_sdk`'s command line, same arguments), after
  starting to load the condition reader in a background thread, so the first visitor who
  starts the check does not wait for spaCy; once loaded, what survives a collection is
  frozen out of later ones (`gc.freeze()`, as for the Rasa server's model: each full
  collection otherwise walked the spaCy tables, about 300 ms).
"""

from __future__ import annotations

import gc
import os
import sys
import threading
import time
import warnings
from typing import Any, List

# Rasa's own HTTP API takes models by path, never by upload: 1 MiB is plenty for every route
# (the REST channel refuses more itself, with a JSON 413).
MAX_REQUEST_BYTES = 1024 * 1024 + 4096
QUIET_WARNINGS = (DeprecationWarning, PendingDeprecationWarning, FutureWarning)
# The action server receives whole trackers: long conversations are larger.
MAX_ACTION_REQUEST_BYTES = 16 * 1024 * 1024


def say(line: str) -> None:
    """One log line on stderr, before Rasa has configured logging."""
    stamp = time.strftime("%Y-%m-%d %H:%M:%S")
    sys.stderr.write(f"{stamp} INFO     meso.server.launcher  - {line}\n")
    sys.stderr.flush()


def quiet_and_private(max_request_bytes: int) -> None:
    """Process settings for both servers (and `meso rasa train`): see the module's text."""
    os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
    os.environ.setdefault("SANIC_REQUEST_MAX_SIZE", str(max_request_bytes))
    os.environ.setdefault("SQLALCHEMY_SILENCE_UBER_WARNING", "1")
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    # Sanic's app module adds a "once" filter for DeprecationWarning at import, ahead of
    # any set before it: import it first, so these filters come ahead of it.
    import sanic.app  # noqa: F401

    for category in QUIET_WARNINGS:
        warnings.filterwarnings("ignore", category=category)
    # and whatever a library's own filters let through later (pyparsing adds its own)
    show = warnings.showwarning

    def show_unless_deprecation(message: Any, category: Any, *args: Any, **kwargs: Any) -> None:
        if not issubclass(category, QUIET_WARNINGS):
            show(message, category, *args, **kwargs)

    warnings.showwarning = show_unless_deprecation


def run_rasa(argv: List[str]) -> None:
    """Install the hooks, then run Rasa's command line with `argv` in this process."""
    quiet_and_private(MAX_REQUEST_BYTES)
    from meso.server import hooks

    for line in hooks.install() or ["none (see the error above)"]:
        say(f"hook installed: {line}")
    for line in hooks.install_turn_speedups():
        say(f"hook installed: {line}")
    serve_metrics()
    from rasa.__main__ import main

    sys.argv = ["rasa", *with_token(with_cors(argv))]
    main()


def serve_metrics() -> None:
    """Prometheus /metrics on $MESO_METRICS_PORT when set (meso/metrics.py)."""
    from meso import metrics

    port = metrics.serve_from_environment()
    if port:
        say(f"metrics on port {port} (/metrics)")


def with_token(argv: List[str]) -> List[str]:
    """`rasa run --enable-api` arguments with the API token from the settings, in-process."""
    if not argv or argv[0] != "run" or "--enable-api" not in argv:
        return list(argv)
    if any(arg == "--auth-token" or arg.startswith("--auth-token=") for arg in argv):
        say("warning: --auth-token on the command line is readable by every local user; "
            "set RASA_AUTH_TOKEN instead")  # fmt: skip
        return list(argv)
    from meso import settings

    # one argument: a token that starts with "-" must not read as an option
    return [*argv, f"--auth-token={settings.auth_token()}"]


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
    quiet_and_private(MAX_ACTION_REQUEST_BYTES)
    from rasa_sdk.__main__ import main_from_args
    from rasa_sdk.endpoint import create_argument_parser

    # Listen on loopback unless told otherwise (scale-out: MESO_ACTION_HOST=0.0.0.0 with
    # MESO_ACTION_SECRET); rasa_sdk reads SANIC_HOST.
    os.environ["SANIC_HOST"] = os.environ.get("MESO_ACTION_HOST") or "127.0.0.1"
    from meso.server import action_server

    action_server.register()
    serve_metrics()
    args = create_argument_parser().parse_args(argv)
    threading.Thread(target=warm_up_actions, name="preload-reader", daemon=True).start()
    main_from_args(args)
