"""Container health check: `python -m meso.server.health` (deploy/Dockerfile, Helm probes).

- A Rasa server (something listens on $RASA_PORT, default 5005) is healthy when it has a
  model: `GET /status` with the API token from the environment answers 200 (Rasa answers
  409 while no model is loaded). The token is read from the environment in this process,
  never put on a command line.
- Otherwise an action server is healthy when `GET /health` on $MESO_ACTION_PORT (5055)
  answers 200.

`--live` only checks that the server answers at all (`GET /` or `/health`): a Kubernetes
liveness probe, which must not restart a server that is still loading its model.
Exit status 0 healthy, 1 not.
"""

from __future__ import annotations

import os
import socket
import sys
import urllib.error
import urllib.parse
import urllib.request
from typing import Optional, Sequence

TIMEOUT = 4.0


def listening(port: int) -> bool:
    """Whether something accepts connections on 127.0.0.1:port."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1.0):
            return True
    except OSError:
        return False


def answers(url: str) -> bool:
    """Whether GET url answers 200."""
    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT) as reply:  # noqa: S310 - loopback
            return bool(reply.status == 200)
    except (urllib.error.URLError, OSError, ValueError):
        return False


def healthy(live: bool = False) -> bool:
    """The check described in the module's text."""
    rasa_port = int(os.environ.get("RASA_PORT", "5005"))
    if listening(rasa_port):
        base = f"http://127.0.0.1:{rasa_port}"
        token = os.environ.get("RASA_AUTH_TOKEN", "")
        if live or not token:
            return answers(f"{base}/")
        return answers(f"{base}/status?" + urllib.parse.urlencode({"token": token}))
    action_port = int(os.environ.get("MESO_ACTION_PORT", "5055"))
    return answers(f"http://127.0.0.1:{action_port}/health")


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Exit 0 when healthy."""
    args = list(sys.argv[1:] if argv is None else argv)
    return 0 if healthy(live="--live" in args) else 1


if __name__ == "__main__":
    sys.exit(main())
