"""Errors that stop a data build with one clear message (file, column, example rows)."""

from __future__ import annotations

from collections.abc import Sequence


class BuildError(Exception):
    """A data build failed; the message is meant for the person running the build."""


class SourceError(BuildError):
    """A source file is missing, malformed or holds impossible values."""

    def __init__(
        self,
        file: str,
        problem: str,
        column: str | None = None,
        rows: Sequence[object] | None = None,
        label: str = "Source file",
    ) -> None:
        self.label = label
        self.file = file
        self.problem = problem
        self.column = column
        self.rows = list(rows or [])
        super().__init__(str(self))

    def __str__(self) -> str:
        parts = [f"{self.label} {self.file}"]
        if self.column:
            parts.append(f"column '{self.column}'")
        message = ", ".join(parts) + f": {self.problem}"
        if self.rows:
            shown = "; ".join(str(r) for r in self.rows[:5])
            more = f" (and {len(self.rows) - 5} more)" if len(self.rows) > 5 else ""
            message += f". Example rows: {shown}{more}"
        return message
