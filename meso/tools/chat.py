"""Chat with the running assistant in the terminal, over its REST channel.

Buttons are numbered: type the number to press one. Ctrl-D or /quit leaves.
"""

from __future__ import annotations

import argparse
import json
import sys
import urllib.request
import uuid
from typing import Any, Dict, List, Optional, Sequence

from meso.settings import auth_token


def send(url: str, sender: str, text: str) -> List[Dict[str, Any]]:
    """Send one message to the REST channel and return the bot's replies.

    With the API token (the REST channel is for trusted programs; the deployment requires it).
    """
    body = json.dumps({"sender": sender, "message": text}).encode("utf-8")
    headers = {"Content-Type": "application/json", "Authorization": f"Bearer {auth_token()}"}
    request = urllib.request.Request(url, body, headers)
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read().decode("utf-8"))


def main(argv: Optional[Sequence[str]] = None) -> None:
    """Chat over the REST channel until the visitor types quit (or Ctrl-D)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://localhost:5005/webhooks/rest/webhook")
    args = parser.parse_args(argv)
    sender = f"terminal-{uuid.uuid4().hex[:8]}"
    buttons: List[Dict[str, str]] = []
    print("Type a message (/quit to leave).")
    while True:
        try:
            text = input("you> ").strip()
        except EOFError:
            break
        if text in ("/quit", "/exit"):
            break
        if text.isdigit() and 0 < int(text) <= len(buttons):
            text = buttons[int(text) - 1]["payload"]
        try:
            replies = send(args.url, sender, text)
        except OSError as error:
            sys.exit(f"cannot reach the assistant at {args.url} ({error}): is `make run` running?")
        buttons = []
        for reply in replies:
            if reply.get("text"):
                print("bot> " + reply["text"].strip().replace("\n", "\n     "))
            for button in reply.get("buttons") or []:
                buttons.append(button)
                print(f"     [{len(buttons)}] {button['title']}")


if __name__ == "__main__":
    main()
