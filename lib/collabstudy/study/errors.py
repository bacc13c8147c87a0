"""Errors meant for analysts: Swedish, and naming the file, row and column (or params key)."""

from __future__ import annotations


class StudyInputError(Exception):
    """Input the study cannot use safely; the message is Swedish and says where the problem is."""

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        row: int | None = None,
        column: str | None = None,
        key: str | None = None,
    ):
        self.problem = message
        self.file, self.row, self.column, self.key = file, row, column, key
        super().__init__(self._compose())

    def _compose(self) -> str:
        where = []
        if self.file:
            where.append(f"fil {self.file}")
        if self.row is not None:
            where.append(f"rad {self.row}")
        if self.column is not None:
            where.append(f"kolumn '{self.column}'")
        if self.key is not None:
            where.append(f"parameter '{self.key}'")
        prefix = "Fel i indata" + (f" ({', '.join(where)})" if where else "")
        return f"{prefix}: {self.problem}"


class ParamsError(StudyInputError):
    """A params file that does not describe a valid study."""


class InputErrors(StudyInputError):
    """Several input problems found at once (lazy validation): all are listed."""

    def __init__(self, errors: list[StudyInputError]):
        self.errors = errors
        lines = [str(e) for e in errors]
        Exception.__init__(self, f"{len(errors)} fel i indata:\n" + "\n".join(f"- {line}" for line in lines))
        self.problem, self.file, self.row, self.column, self.key = str(self), None, None, None, None
