"""The `meso` command: one entry point for running, checking and maintaining the assistant.

    meso --help            the subcommands
    meso <command> --help  one subcommand's options

The Makefile's targets call these (`make run` is `meso serve`, `make publish` is
`meso publish`, ...). Each subcommand is a module of meso/tools/ (or the launcher in
meso/server/) with a `main(argv)`; a new maintainer command is a module there plus one line
in COMMANDS. Commands work on the project in the current folder, as Rasa's do.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from typing import Any, Dict, List, NamedTuple, Optional, Sequence


class Command(NamedTuple):
    """A subcommand: the module whose main(argv) runs it, what it does, fixed leading args."""

    module: str
    help: str
    prefix: Sequence[str] = ()


COMMANDS: Dict[str, Command] = {
    "serve": Command("meso.tools.serve", "run the assistant (train first if no model exists)"),
    "chat": Command("meso.tools.chat", "chat with the running assistant in this terminal"),
    "check": Command("meso.tools.check", "check FAQ content, then `rasa data validate`"),
    "train": Command("meso.tools.train", "check, then fine-tune the published model or train"),
    "evaluate": Command("meso.tools.evaluate", "score a model (report, --gate, --split)"),
    "publish": Command("meso.tools.publish", "quality gate, then swap a model in", ["publish"]),
    "rollback": Command("meso.tools.publish", "swap the previous model back in", ["rollback"]),
    "unanswered": Command("meso.tools.unanswered", "group questions that fell to fallback"),
    "retention": Command("meso.tools.retention", "delete conversations older than the period"),
    "requests": Command("meso.tools.booking_requests", "booking requests: list, retry, deliver"),
    "benchmark": Command("meso.tools.benchmark", "latency, throughput, memory, start-up, training"),
    "read-messages": Command("actions.reading", "messages on stdin -> conditions read, as JSON"),
    "heldout": Command("meso.tools.heldout", "score a held-out set (conversations, ...)"),
    "demo": Command("meso.tools.demo_server", "serve the demo page (started by `meso serve`)"),
    "rasa": Command("meso.server.launcher", "Rasa's command line, with the server hooks"),
    "actions": Command("meso.server.launcher", "the action server (rasa_sdk's options)"),
}
LAUNCHER_FUNCTIONS = {"rasa": "run_rasa", "actions": "run_actions"}


def parser() -> argparse.ArgumentParser:
    """The top-level parser: a subcommand, and the rest for it."""
    lines = [f"  {name:<14} {command.help}" for name, command in COMMANDS.items()]
    top = argparse.ArgumentParser(
        prog="meso",
        description=__doc__.splitlines()[0],
        epilog="commands:\n" + "\n".join(lines),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    top.add_argument("command", choices=sorted(COMMANDS), metavar="command")
    top.add_argument("args", nargs=argparse.REMAINDER, help="the command's own options")
    return top


def main(argv: Optional[List[str]] = None) -> Any:
    """Run a subcommand; its exit status."""
    args = parser().parse_args(sys.argv[1:] if argv is None else argv)
    # A health assistant sends nothing anywhere: Rasa's usage telemetry is off for every
    # command and the Rasa processes they start (train, validate, run), unless set.
    os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
    command = COMMANDS[args.command]
    module = importlib.import_module(command.module)
    rest = [*command.prefix, *args.args]
    if args.command in LAUNCHER_FUNCTIONS:
        return getattr(module, LAUNCHER_FUNCTIONS[args.command])(rest)
    if args.command == "read-messages":
        return module.main()
    return module.main(rest)


def entry_point() -> None:
    """The console script: exit with the subcommand's status."""
    sys.exit(main())
