"""Replace an attribute of Rasa's, remember what was there, and put it back.

Every hook of `meso.server.hooks` goes through `replace()`, so `restore_all()` undoes them
exactly (tests use it, so no test leaves a hook behind for the next).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any, List

logger = logging.getLogger(__name__)

_MISSING = object()


@dataclass
class Replaced:
    """One replaced attribute: where, what it was (as stored on the owner), and why."""

    owner: Any
    name: str
    original: Any
    purpose: str


_REPLACED: List[Replaced] = []


def stored(owner: Any, name: str) -> Any:
    """The attribute as the owner itself stores it (a staticmethod stays a staticmethod)."""
    if isinstance(owner, type):
        return owner.__dict__.get(name, _MISSING)
    return getattr(owner, name, _MISSING)


def replace(owner: Any, name: str, new: Any, purpose: str, add: bool = False) -> None:
    """Set owner.name to `new`, once: a second call for the same attribute does nothing.

    With `add`, the owner may lack the attribute (a class without its own `__copy__`):
    restoring then deletes it again.
    """
    if any(r.owner is owner and r.name == name for r in _REPLACED):
        return
    original = stored(owner, name)
    if original is _MISSING and not add:
        raise AttributeError(f"{owner!r} has no attribute {name!r} to replace")
    _REPLACED.append(Replaced(owner, name, original, purpose))
    setattr(owner, name, new)


def installed() -> List[str]:
    """What is replaced now, as 'module.Owner.name: purpose' lines."""
    return [f"{qualified_name(r.owner)}.{r.name}: {r.purpose}" for r in _REPLACED]


def qualified_name(owner: Any) -> str:
    """'rasa.core.agent' for a module, 'rasa.shared.core.events.Event' for a class."""
    if isinstance(owner, type):
        return f"{owner.__module__}.{owner.__qualname__}"
    return str(getattr(owner, "__name__", owner))


def restore_all() -> None:
    """Put every replaced attribute back, newest first."""
    while _REPLACED:
        done = _REPLACED.pop()
        if done.original is _MISSING:
            delattr(done.owner, done.name)
        else:
            setattr(done.owner, done.name, done.original)
