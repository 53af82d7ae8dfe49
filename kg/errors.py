"""The one error type users see, and the documented exit codes.

Exit codes of ``dckg``:

* ``0`` — success (and, for ``build``/``validate``, the graph conforms);
* ``1`` — the graph violates the SHACL shapes (outputs kept, report written);
* ``2`` — bad input or an internal error (nothing half-written is left behind).
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_VIOLATIONS = 1
EXIT_ERROR = 2


class KGError(Exception):
    """Raised for bad input: carries the file, the place and the problem.

    >>> str(KGError("empty file", path="x.txt"))
    'x.txt: empty file'
    >>> str(KGError("unclosed tag", path="a.xml", where="line 3"))
    'a.xml: line 3: unclosed tag'
    """

    def __init__(self, problem: str, path: str = "", where: str = "") -> None:
        self.problem = problem
        self.path = path
        self.where = where
        super().__init__(str(self))

    def __str__(self) -> str:
        parts = [p for p in (self.path, self.where, self.problem) if p]
        return ": ".join(parts)


class ReadError(KGError):
    """A file could not be read as a resolution."""
