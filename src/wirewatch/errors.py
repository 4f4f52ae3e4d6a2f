"""One catalogue of user-facing errors: what went wrong, where, and what to do.

The library raises these typed exceptions; the CLI turns them into one clean line
(no traceback) and the store records per-document ones in its error table.
"""

from __future__ import annotations


class WirewatchError(Exception):
    """Base class: ``code`` is stable (E0xx), ``where`` a file[:line] or document id."""

    code = "E000"

    def __init__(self, message: str, where: str | None = None, fix: str | None = None) -> None:
        self.message = message
        self.where = where
        self.fix = fix
        super().__init__(self.__str__())

    def __str__(self) -> str:
        parts = [f"[{self.code}]"]
        if self.where:
            parts.append(f"{self.where}:")
        parts.append(self.message)
        text = " ".join(parts)
        if self.fix:
            text += f" (fix: {self.fix})"
        return text


class InputError(WirewatchError):
    """A document or file that cannot be read as an article (empty, binary, malformed)."""

    code = "E001"


class InputTooLarge(InputError):
    code = "E002"


class EmptyDocument(InputError):
    code = "E003"


class BinaryInput(InputError):
    code = "E004"


class MalformedRecord(InputError):
    code = "E005"


class NoMainText(InputError):
    code = "E006"


class PathNotFound(InputError):
    code = "E007"


class KBError(WirewatchError):
    """A knowledge-base file that does not follow the schema; nothing of it is loaded."""

    code = "E020"


class LexiconError(WirewatchError):
    """A language data file (event triggers, dates) that does not follow its schema."""

    code = "E021"


class ConfigError(WirewatchError):
    code = "E030"


class StoreError(WirewatchError):
    code = "E040"


class GoldError(WirewatchError):
    """A gold or prediction file for ``evaluate`` that cannot be read."""

    code = "E050"
