"""Page text made safe to show: no terminal control codes, no bidi overrides, one line.

Column names, titles and error messages come from the audited pages and from user files; printed raw, an
`\\x1b[31m` recolours the terminal and a U+202E reverses what an inspector reads. Every report passes text
through `plain` (terminal) or escapes it for its markup (HTML reports escape on top of this).
"""

from __future__ import annotations

import re

# C0 and C1 controls (tab and newline included: a name is one line), DEL, and the bidi embeddings, overrides
# and isolates (U+202A-U+202E, U+2066-U+2069), plus the zero-width marks that can hide text.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def _visible(match: re.Match[str]) -> str:
    char = match.group(0)
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def plain(text: str) -> str:
    """`text` with every control, bidi or zero-width character written as a visible escape."""
    return _UNSAFE.sub(_visible, text)
