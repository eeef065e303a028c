"""The one exception a malformed country pack raises, naming the file and the line."""

from pathlib import Path

from django.utils.translation import gettext as _


class CountryPackError(Exception):
    """A country pack that cannot be loaded; the message names the file and the line."""

    def __init__(self, file: str, line: int | None, problem: str) -> None:
        self.file = file
        self.line = line
        self.problem = problem
        where = _("%(file)s, line %(line)d") % {"file": file, "line": line} if line else file
        super().__init__(f"{where}: {problem}")


def display_path(path: Path, packs_dir: Path) -> str:
    """Return a file's name as messages show it: relative to the packs folder."""
    try:
        return str(path.relative_to(packs_dir))
    except ValueError:
        return str(path)


def line_of_byte(data: bytes, offset: int) -> int:
    """Return the line on which a byte of a file lies (for decoding errors)."""
    return data.count(b"\n", 0, offset) + 1
