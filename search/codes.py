"""Integer status codes stored in the hypertree's flat lists, and their public `Status`.

Ints rather than enum members: comparing them is as fast, and lists of small ints give the cyclic
garbage collector nothing to follow.
"""

from __future__ import annotations

from search.types import Status

OPEN, PROVED, FAILED = 0, 1, 2
STATUSES = (Status.OPEN, Status.PROVED, Status.FAILED)
"""`STATUSES[code]` is the public status of a code."""
CODES = {status: code for code, status in enumerate(STATUSES)}
"""`CODES[status]` is the code of a public status."""
