"""The Rasa server's hooks that have no public extension point, installed in one place.

The launcher (meso/server/launcher.py) calls install() before Rasa starts, whatever input
channels credentials.yml configures; nothing is installed at import. The hooks were written
against one Rasa version: on another, install() installs nothing and says so, and the
server runs as stock Rasa (tests/test_server_hooks.py fails on the version first).

- meso/server/action_fallback.py: a reply instead of silence when the action server is
  unreachable (safety: a warning sign still gets "call the emergency number");
- meso/server/speedups.py: the action-response validator compiled once, and gc.freeze()
  after a model load;
- meso/server/turn_speedups.py (`install_turn_speedups`, installed after `install` by the
  launcher): Rasa's graphs run in dask's order without dask's scheduler, slots copied
  without the pickle protocol, rule lookups remembered, dialogue states carried on, and
  debug-log arguments built only when debug is logged (per-turn CPU).

Rasa's public extension points carry the rest: the tracker store class (forget-me deletion,
SQLite settings, Core statements) in meso/tracker_store.py, the channels in channels/, the
NLU components in meso_nlu/.
"""

from __future__ import annotations

import logging
from typing import List

import rasa

from meso.server import action_fallback, patching, speedups, turn_speedups

logger = logging.getLogger(__name__)

WRITTEN_FOR_RASA = "3.6.21"


def install() -> List[str]:
    """Install every hook once; what is installed, one line each (empty: none installed)."""
    if rasa.__version__ != WRITTEN_FOR_RASA:
        logger.error(
            "meso hooks: written for Rasa %s, this is Rasa %s: none installed (no action-server "
            "fallback reply, no speed-ups)",
            WRITTEN_FOR_RASA,
            rasa.__version__,
        )
        return []
    action_fallback.install()
    speedups.install_action_response_validator()
    speedups.install_gc_freeze()
    lines = patching.installed()
    for line in lines:
        logger.info("meso hook installed: %s", line)
    return lines


def install_turn_speedups() -> List[str]:
    """Install the per-turn CPU savers once; what they replaced, one line each (empty: none)."""
    if rasa.__version__ != WRITTEN_FOR_RASA:
        logger.error(
            "meso turn speed-ups: written for Rasa %s, this is Rasa %s: none installed",
            WRITTEN_FOR_RASA,
            rasa.__version__,
        )
        return []
    before = set(patching.installed())
    turn_speedups.install_sequential_graph_runs()
    turn_speedups.install_fast_slot_copy()
    turn_speedups.install_fast_json_bodies()
    turn_speedups.install_rule_lookup_memo()
    turn_speedups.install_incremental_states()
    turn_speedups.install_log_only_arguments()
    turn_speedups.install_fast_empty_domain_check()
    turn_speedups.install_state_copies()
    turn_speedups.install_applied_events_carried_on()
    lines = [line for line in patching.installed() if line not in before]
    for line in lines:
        logger.info("meso hook installed: %s", line)
    return lines


def uninstall() -> None:
    """Restore everything install() replaced (tests)."""
    patching.restore_all()
