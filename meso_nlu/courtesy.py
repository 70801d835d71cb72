"""Thanks and goodbye in a visitor's words, read by the NLU router and the check alike."""

from __future__ import annotations

import re

THANKS = re.compile(r"\b(thanks|thank you|thank u|thx|ty|tysm|cheers|ta|appreciate it)\b", re.I)
BYE = re.compile(
    r"\b(bye|goodbye|bye bye|cya|see ya|see you|gotta go|got to go|have to go)\b", re.I
)
