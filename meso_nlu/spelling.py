"""Words one typing slip away from a known word ("permanant" -> "permanent").

The classifier's lemma n-grams only count words it saw in training; a misspelt word adds
nothing. A word it never saw, of six letters or more, that is one edit (insert, delete,
substitute, swap) from exactly one word it did see is read as that word, unless it is a real
word itself (a whole word of the sentence encoder's 30,522-token vocabulary: "either" is no
slip of "neither"). Training text is
never changed by it (every training word is known), so no model needs retraining. The
check's reader uses the same distance for its condition words (actions/conditions/).
"""

from __future__ import annotations

from typing import Dict, FrozenSet, Iterable, List, Optional

MIN_LENGTH = 6  # shorter words have too many neighbours ("dose" / "nose" / "does")


def osa_distance_is_one(word: str, target: str) -> bool:
    """Whether two different words are one edit apart (insert, delete, substitute, swap)."""
    if word == target or abs(len(word) - len(target)) > 1:
        return False
    if len(word) == len(target):
        diff = [i for i, (a, b) in enumerate(zip(word, target, strict=True)) if a != b]
        if len(diff) == 1:
            return True
        i = diff[0]
        return diff == [i, i + 1] and word[i] == target[i + 1] and word[i + 1] == target[i]
    short, long_ = sorted((word, target), key=len)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


def osa_distance(word: str, target: str, limit: int) -> int:
    """Edits (insert, delete, substitute, swap of neighbours) between two words, up to `limit`.

    Anything further than `limit` is returned as `limit + 1` ("baloonin" -> "ballooning": 2).
    """
    if abs(len(word) - len(target)) > limit:
        return limit + 1
    before: List[int] = []
    row = list(range(len(target) + 1))
    for i, a in enumerate(word, 1):
        current = [i] + [0] * len(target)
        for j, b in enumerate(target, 1):
            current[j] = min(row[j] + 1, current[j - 1] + 1, row[j - 1] + (a != b))
            if i > 1 and j > 1 and a == target[j - 2] and word[i - 2] == b:
                current[j] = min(current[j], before[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        before, row = row, current
    return min(row[-1], limit + 1)


class Speller:
    """Corrects unknown words to the one known word a single slip away, if there is one."""

    def __init__(self, known: Iterable[str], dictionary: Iterable[str] = ()) -> None:
        """`known`: the words to correct to; `dictionary`: real words, never corrected."""
        self.known: FrozenSet[str] = frozenset(w for w in known if w.isalpha())
        # "either" is no slip of "neither", nor "bother" of "brother"
        self.dictionary: FrozenSet[str] = frozenset(dictionary)
        self._by_length: Dict[int, List[str]] = {}
        for word in self.known:
            if len(word) >= MIN_LENGTH - 1:
                self._by_length.setdefault(len(word), []).append(word)
        self._cache: Dict[str, Optional[str]] = {}

    def word(self, word: str) -> str:
        """The known word `word` is a slip of, or `word` itself."""
        if (
            len(word) < MIN_LENGTH
            or word in self.known
            or word in self.dictionary
            or not word.isalpha()
        ):
            return word
        if word not in self._cache:
            near = [
                known
                for size in (len(word) - 1, len(word), len(word) + 1)
                for known in self._by_length.get(size, ())
                if osa_distance_is_one(word, known)
            ]
            self._cache[word] = near[0] if len(near) == 1 else None
        return self._cache[word] or word

    def text(self, text: str) -> str:
        """`text` (space-separated words) with each unknown word corrected."""
        return " ".join(self.word(word) for word in text.split(" "))
