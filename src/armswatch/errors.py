"""One exception hierarchy, so batch commands can tell a bad input from a bug.

Batch commands catch `InputError` and `FormatError` per file, report the path and
the reason, and go on with the rest; anything else is a defect and propagates.
"""

from __future__ import annotations


class ArmswatchError(Exception):
    """Base of every error armswatch raises on purpose."""


class InputError(ArmswatchError):
    """An input that cannot be read as an article: binary, empty, truncated, too big, undecodable."""

    def __init__(self, source: str, reason: str):
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason

    def __reduce__(self):
        # Worker processes send these back to the parent: pickle with both arguments.
        return (type(self), (self.source, self.reason))


class FormatError(InputError):
    """A reader claimed an input but could not parse what it claimed (no title, no body, broken JSON)."""


class StoreError(ArmswatchError):
    """The store cannot be opened, migrated or written."""
