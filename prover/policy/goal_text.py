"""Goal text as the policy reads it: Mathlib notation mapped back to Lean 4 core's, in one place.

The embedded environment prints goals as Lean 4 core does; a user's real-Lean goals with Mathlib loaded
differ by notation alone (`n : ℕ` for `n : Nat`, `fun x ↦ e` for `fun x => e`). Every prompt format
(prover/policy/formats.py) passes the goal through `normalize_goal` before the model sees it, so a policy
trained on embedded goals reads Mathlib goals the way it was trained. Only notation the embedded env
never produces is rewritten, so its own goals are unchanged (tested on the whole bundled benchmark).

Each rule is (pattern, replacement, the Lean source of the notation).
"""

from __future__ import annotations

import re

# A notation symbol is replaced only as a whole token: not next to a character that could continue an
# identifier (letters, digits, `_`, `'`, `!`, `?`, `.`, subscripts, letter-like symbols, per Lean's
# isIdRest), since letter-like symbols such as ℕ may also occur inside identifiers.
_ID = r"\w'!?.\u2080-\u209c\u2100-\u214f"

RULES: tuple[tuple[re.Pattern[str], str, str], ...] = tuple(
    (re.compile(pattern), replacement, source)
    for pattern, replacement, source in (
        (rf"(?<![{_ID}])ℕ(?![{_ID}])", "Nat", 'Mathlib/Data/Nat/Notation.lean: notation "ℕ" => Nat'),
        (rf"(?<![{_ID}])ℤ(?![{_ID}])", "Int", 'Mathlib/Data/Int/Notation.lean: notation "ℤ" => Int'),
        (rf"(?<![{_ID}])ℚ(?![{_ID}])", "Rat", 'Mathlib/Data/Rat/Init.lean: notation "ℚ" => Rat'),
        (
            r" ↦ ",
            " => ",
            "Mathlib's lakefile sets pp.unicode.fun, so `fun x => e` prints as `fun x ↦ e`; core prints =>",
        ),
    )
)


def normalize_goal(text: str) -> str:
    """`text` with Mathlib-only notation replaced by Lean 4 core's (see RULES)."""
    for pattern, replacement, _source in RULES:
        text = pattern.sub(replacement, text)
    return text
