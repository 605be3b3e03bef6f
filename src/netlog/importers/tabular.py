"""CSV reading shared by the LinkedIn, Google and generic importers.

Three things the standard ``csv`` module does not do for us: report the file line a
record *starts* on (quoted cells may span lines, and messages must point at the right
line), notice a file that ends inside a quoted value (a cut-short export would
otherwise turn the rest of the file into one cell), and turn ``csv.Error`` into
ImportFormatError. Headers are compared by :func:`header_key`, so ``Connected On``,
``connected_on`` and ``CONNECTED-ON`` are the same column.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator

from netlog.importers.base import ImportFormatError

_NOT_ALNUM = re.compile(r"[\W_]+")
DELIMITERS = (",", ";", "\t")


def header_key(cell: str) -> str:
    """A header cell compared loosely: lower case, only letters and digits."""
    return _NOT_ALNUM.sub("", cell.replace("\ufeff", "").lower())


def _count_outside_quotes(line: str, char: str) -> int:
    count, quoted = 0, False
    for ch in line:
        if ch == '"':
            quoted = not quoted
        elif ch == char and not quoted:
            count += 1
    return count


def sniff_delimiter(line: str) -> str:
    """The delimiter a header line uses: the most frequent of comma, semicolon, tab
    (European spreadsheets save "CSV" with semicolons); a comma when none occurs."""
    best, best_count = ",", 0
    for delimiter in DELIMITERS:
        count = _count_outside_quotes(line, delimiter)
        if count > best_count:
            best, best_count = delimiter, count
    return best


def split_line(line: str, delimiter: str = ",") -> list[str]:
    """One physical line as cells (for looking at headers); never raises."""
    try:
        return next(csv.reader([line], delimiter=delimiter, skipinitialspace=True), [])
    except csv.Error:
        return []


def first_content_line(lines: list[str]) -> int | None:
    """The index of the first line that is not blank, or None."""
    for index, line in enumerate(lines):
        if line.strip():
            return index
    return None


def read_records(
    lines: list[str], start: int, label: str, delimiter: str = ","
) -> Iterator[tuple[int, list[str]]]:
    """The records from ``lines[start:]`` with the 1-based file line each starts on.

    ``lines`` is the whole file split on ``\\n``. Blank records are left out. Raises
    ImportFormatError for a record the csv module rejects, and for a file that ends
    inside a quoted value.
    """
    reader = csv.reader(
        (line + "\n" for line in lines[start:]), delimiter=delimiter, skipinitialspace=True
    )
    consumed = 0
    last_start = None
    try:
        for cells in reader:
            line_no = start + consumed + 1
            consumed = reader.line_num
            if not any(cell.strip() for cell in cells):
                continue
            last_start = line_no
            yield line_no, cells
    except csv.Error as exc:
        raise ImportFormatError(
            f"line {start + reader.line_num} of {label} cannot be read as CSV ({exc})",
            "check the quotes on that line, or export the file again",
        ) from None
    if last_start is not None and _ends_inside_quotes(lines[last_start - 1 :], delimiter):
        raise ImportFormatError(
            f"{label} ends inside a quoted value that starts on line {last_start}",
            "the file looks cut short, or a quote is missing on that line: export it again "
            "or fix the quote; nothing was imported",
        )


def _ends_inside_quotes(lines: list[str], delimiter: str) -> bool:
    """Whether the last record (``lines`` start with it) runs into the end of the file:
    the lenient reader returns such a record silently, the strict one says so."""
    if not any('"' in line for line in lines):
        return False
    reader = csv.reader(
        (line + "\n" for line in lines), delimiter=delimiter, skipinitialspace=True, strict=True
    )
    try:
        for _ in reader:
            pass
    except csv.Error as exc:
        return "unexpected end of data" in str(exc)
    return False


class ColumnUse:
    """Which columns held a value that netlog did not read, for the import summary.

    Reported once per file, by header name; a column that is empty in every row is
    not worth a word (Outlook writes ninety columns, most of them always empty), nor
    is one holding only a value the exporter writes by default (``defaults``, compared
    ignoring case: Outlook's ``Normal`` priority or ``0/0/00`` birthday).
    """

    __slots__ = ("defaults", "filled", "header", "used")

    def __init__(
        self, header: list[str], used: Iterable[int], defaults: Iterable[str] = ()
    ) -> None:
        self.header = header
        self.used = frozenset(used)
        self.defaults = frozenset(value.casefold() for value in defaults)
        self.filled: set[int] = set()

    def see(self, cells: list[str]) -> None:
        """Note the unread columns of one record that hold a value."""
        for index, cell in enumerate(cells):
            if index in self.used or index in self.filled:
                continue
            value = cell.strip()
            if value and value.casefold() not in self.defaults:
                self.filled.add(index)

    def ignored(self) -> list[str]:
        """The unread columns that held a value, in file order; a column without a
        header name (a row longer than the header) as ``column 12``."""
        names: list[str] = []
        for index in sorted(self.filled):
            name = self.header[index] if index < len(self.header) else ""
            name = name.replace("\ufeff", "").strip() or f"column {index + 1}"
            if name not in names:
                names.append(name)
        return names


class Record:
    """One record's cells, stripped, by column index or by field name; a short row
    (fewer cells than the header) reads as empty cells."""

    __slots__ = ("cells", "fields")

    def __init__(self, cells: list[str], fields: dict[str, int]) -> None:
        self.cells = cells
        self.fields = fields

    def cell(self, column: int | None) -> str:
        if column is None or column >= len(self.cells):
            return ""
        return self.cells[column].strip()

    def get(self, name: str) -> str:
        return self.cell(self.fields.get(name))
