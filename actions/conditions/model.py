"""What a message says of each condition: mentions, statuses and a bare answer."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Dict, Optional, Tuple

if TYPE_CHECKING:  # spaCy is imported lazily: it is slow to import
    pass


# --- data classes (the API the form actions use) --------------------------------------------


STATUSES = ("present", "absent", "other_person", "past", "question", "uncertain")
# When a message says several things of one condition, the one that matters for the visitor
# wins: a statement beats a question ("I'm on warfarin, does that count?": present), and a
# hedge or a past condition beats a denial (both must reach a professional).
_STATUS_PRIORITY = {
    s: i
    for i, s in enumerate(["present", "uncertain", "past", "absent", "question", "other_person"])
}


@dataclass(frozen=True)
class Mention:
    """One condition named in the text and what the visitor says of it (see STATUSES)."""

    condition: str
    status: str
    text: str

    @property
    def negated(self) -> bool:
        """Whether the visitor said they do not have it."""
        return self.status == "absent"


@dataclass(frozen=True)
class Extraction:
    """What a message says: condition mentions and a bare yes/no/unsure/declined answer."""

    mentions: Tuple[Mention, ...]
    answer: Optional[str]

    @property
    def statuses(self) -> Dict[str, str]:
        """Condition key -> the status that matters (in order of first mention)."""
        result: Dict[str, str] = {}
        for mention in self.mentions:
            known = result.get(mention.condition)
            if known is None or _STATUS_PRIORITY[mention.status] < _STATUS_PRIORITY[known]:
                result[mention.condition] = mention.status
        return result

    def keys_with(self, status: str) -> Tuple[str, ...]:
        """Condition keys whose status is `status`, in order of mention."""
        return tuple(key for key, value in self.statuses.items() if value == status)

    @property
    def present(self) -> Tuple[str, ...]:
        """Condition keys the visitor affirmed (deduplicated, in order of mention)."""
        return self.keys_with("present")

    @property
    def absent(self) -> Tuple[str, ...]:
        """Condition keys the visitor explicitly denied (and did not also affirm)."""
        return self.keys_with("absent")


@dataclass(frozen=True)
class _Span:
    """A candidate match: token range and condition key."""

    start: int
    end: int
    key: str
