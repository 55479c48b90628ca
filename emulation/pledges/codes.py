"""The verification code (mã xác thực) printed on a pledge: twelve characters in three groups,
"ABCD-EFGH-JKLM". People type it from paper, so a typed code is read the way they write it."""

import re
import secrets

# Letters and digits that cannot be mistaken for one another when typed from paper.
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 12
GROUP = 4
# Whatever people put between the groups: spaces, hyphens, en and em dashes, dots.
SEPARATORS = re.compile(r"[\s\-‐‑‒–—.]+")


def format_code(raw: str) -> str:
    """ "ABCDEFGHJKLM" → "ABCD-EFGH-JKLM"."""
    return "-".join(raw[i : i + GROUP] for i in range(0, len(raw), GROUP))


def random_code() -> str:
    return format_code("".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH)))


def canonical_code(typed: str) -> str:
    """A typed code in its printed form, whatever its case, spaces and dashes: "abcd efgh-jklm",
    "ABCDEFGHJKLM" and " abcd–efgh–jklm " all give "ABCD-EFGH-JKLM". Text that cannot be a code
    comes back upper-cased without separators, so that it matches nothing."""
    raw = SEPARATORS.sub("", typed or "").upper()
    return format_code(raw) if len(raw) == CODE_LENGTH else raw
