"""Reading official source files: column checks, DfE suppression codes, a record of reads.

Adapters read files only through these helpers, so every build knows which files it read and
how many rows each had (for the manifest), and every malformed file fails the same clear way.
"""

from __future__ import annotations

import contextlib
import contextvars
import hashlib
import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from dashboard.errors import SourceError

# DfE / Ofsted codes for values that are not numbers. Never read as zero.
SUPPRESSION_CODES: dict[str, str] = {
    "c": "c",
    "x": "x",
    "z": "z",
    "u": "u",
    "low": "low",
    "supp": "supp",
    "ne": "ne",
    "np": "np",
    "na": "x",
    "n/a": "x",
    "-": "x",
    "..": "x",
    ":": "x",
    "lowcov": "low",
    "dns": "x",
}


@dataclass(frozen=True)
class Source:
    """One publisher file (or a set of files of one format) and how to load it.

    `load` gets the absolute paths (in the order of `paths`) and returns a tidy frame in the
    schema of `table`.
    """

    id: str
    title: str
    publisher: str
    paths: tuple[str, ...]
    data_date: str
    table: str
    load: Callable[[list[Path]], pd.DataFrame]
    licence: str = "Open Government Licence v3.0"
    covers: str = ""
    lacks: str = ""
    official_url: str = ""
    rehost_note: str = ""


@dataclass
class ReadRecord:
    path: Path
    rows: int


_reads: contextvars.ContextVar[list[ReadRecord] | None] = contextvars.ContextVar(
    "reads", default=None
)


@contextlib.contextmanager
def recording_reads() -> Iterator[list[ReadRecord]]:
    """Collect a ReadRecord for every file read inside the block."""
    records: list[ReadRecord] = []
    token = _reads.set(records)
    try:
        yield records
    finally:
        _reads.reset(token)


def record_read(path: Path, rows: int) -> None:
    """Note a file read by a reader outside this module (e.g. geodata) for the manifest."""
    records = _reads.get()
    if records is not None:
        records.append(ReadRecord(Path(path), rows))


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with Path(path).open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _name(path: Path) -> str:
    return Path(path).name


def resolve_columns(
    frame: pd.DataFrame, path: Path, columns: Mapping[str, Sequence[str]]
) -> pd.DataFrame:
    """Rename columns to canonical names, accepting any of several publisher spellings.

    `columns` maps canonical name -> accepted source names (reduced re-host names and the
    official full-file names). A canonical column none of whose names is present stops the build.
    """
    present = {str(c).strip(): c for c in frame.columns}
    lowered = {k.lower(): v for k, v in present.items()}
    renames: dict[object, str] = {}
    for canonical, accepted in columns.items():
        found = next(
            (
                present.get(name, lowered.get(name.lower()))
                for name in accepted
                if name in present or name.lower() in lowered
            ),
            None,
        )
        if found is None:
            raise SourceError(
                _name(path),
                f"required column missing (looked for {', '.join(repr(a) for a in accepted)})",
                column=canonical,
            )
        renames[found] = canonical
    return frame.rename(columns=renames)[list(columns)]


def read_csv(path: Path, *, encoding: str = "utf-8", **kwargs: object) -> pd.DataFrame:
    """Read a CSV as text columns (typing happens in the adapter), recording the rows read."""
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding=encoding, **kwargs)
    except FileNotFoundError as exc:
        raise SourceError(_name(path), "file not found") from exc
    except UnicodeDecodeError as exc:
        raise SourceError(_name(path), f"not readable as {encoding} text ({exc.reason})") from exc
    except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError) as exc:
        raise SourceError(_name(path), f"not a readable CSV file ({exc})") from exc
    record_read(path, len(frame))
    return frame


def read_excel(path: Path, **kwargs: object) -> pd.DataFrame:
    try:
        frame = pd.read_excel(path, dtype=str, keep_default_na=False, **kwargs)
    except FileNotFoundError as exc:
        raise SourceError(_name(path), "file not found") from exc
    except Exception as exc:  # openpyxl raises many types for a corrupt workbook
        raise SourceError(_name(path), f"not a readable Excel workbook ({exc})") from exc
    record_read(path, len(frame))
    return frame


def read_any_table(path: Path, **kwargs: object) -> pd.DataFrame:
    """A CSV or the first sheet of an Excel workbook, as text."""
    if path.suffix.lower() in (".xlsx", ".xls"):
        return read_excel(path, **kwargs)
    return read_csv(path, **kwargs)


def read_parquet(path: Path, columns: Sequence[str] | None = None) -> pd.DataFrame:
    try:
        frame = pd.read_parquet(path, columns=list(columns) if columns else None)
    except FileNotFoundError as exc:
        raise SourceError(_name(path), "file not found") from exc
    except Exception as exc:  # pyarrow raises ArrowInvalid and friends
        raise SourceError(_name(path), f"not a readable Parquet file ({exc})") from exc
    record_read(path, len(frame))
    return frame


def read_json(path: Path) -> object:
    try:
        with Path(path).open(encoding="utf-8") as fh:
            data = json.load(fh)
    except FileNotFoundError as exc:
        raise SourceError(_name(path), "file not found") from exc
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise SourceError(_name(path), f"not valid JSON ({exc})") from exc
    record_read(path, len(data) if isinstance(data, list | dict) else 1)
    return data


_NUMBER = re.compile(r"^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$")


def parse_numbers(
    raw: pd.Series,
    path: Path,
    column: str,
    *,
    percent: bool = False,
    blank_code: str | None = None,
    identifiers: pd.Series | None = None,
) -> tuple[pd.Series, pd.Series]:
    """Parse a publisher column into (float values, suppression code or <NA>).

    Accepts numbers, "54%" (when `percent`), blanks (missing; coded `blank_code` when given),
    and the DfE suppression codes. Any other text stops the build naming the file, column and
    example rows (by `identifiers`, e.g. URN, when given).
    """
    text = raw.astype("string").str.strip()
    if percent:
        text = text.str.removesuffix("%")
    lowered = text.str.lower()
    is_number = text.str.match(_NUMBER).fillna(False).astype(bool)
    is_blank = text.isna() | (text == "")
    codes = lowered.map(SUPPRESSION_CODES)
    is_code = codes.notna() & ~is_number
    bad = ~(is_number | is_blank | is_code)
    if bad.any():
        labels = identifiers if identifiers is not None else raw.index.to_series()
        examples = [f"{labels[i]}={raw[i]!r}" for i in raw.index[bad][:5]]
        raise SourceError(
            _name(path),
            f"{int(bad.sum())} value(s) are neither numbers nor known suppression codes",
            column=column,
            rows=examples,
        )
    values = pd.to_numeric(text.where(is_number), errors="coerce").astype("float64")
    suppression = codes.where(is_code).astype("string")
    if blank_code:
        suppression = suppression.mask(is_blank, blank_code)
    return values, suppression


def blank_to_na(raw: pd.Series) -> pd.Series:
    """Text with surrounding spaces removed; blank cells missing."""
    return raw.astype("string").str.strip().replace("", pd.NA)


def whole_numbers(raw: pd.Series, path: Path, column: str) -> pd.Series:
    """Whole numbers such as LA numbers ('860', '860.0'); blanks stay missing, other text stops
    the build."""
    values, _ = parse_numbers(raw, path, column)
    return values.round().astype("Int64")


def as_urn(raw: pd.Series, path: Path, column: str = "URN") -> pd.Series:
    """Parse URNs (accepting '123456.0'); a missing or non-numeric URN stops the build."""
    numeric = pd.to_numeric(raw.astype("string").str.strip(), errors="coerce")
    bad = numeric.isna() | (numeric <= 0) | (numeric != np.floor(numeric))
    if bad.any():
        raise SourceError(
            _name(path),
            f"{int(bad.sum())} row(s) without a valid URN",
            column=column,
            rows=[f"row {i + 2}: {raw[i]!r}" for i in raw.index[bad][:5]],
        )
    return numeric.astype("Int64")


def parse_dates(raw: pd.Series, path: Path, column: str, *, formats: Iterable[str]) -> pd.Series:
    """Parse dates trying each format in turn; blanks stay missing, anything else fails."""
    text = raw.astype("string").str.strip().replace("", pd.NA)
    result = pd.Series(pd.NaT, index=raw.index, dtype="datetime64[us]")
    remaining = text.notna()
    for fmt in formats:
        parsed = pd.to_datetime(text.where(remaining), format=fmt, errors="coerce")
        hit = parsed.notna() & remaining
        result[hit] = parsed[hit]
        remaining &= ~hit
    if remaining.any():
        raise SourceError(
            _name(path),
            f"{int(remaining.sum())} value(s) are not dates",
            column=column,
            rows=[f"row {i + 2}: {raw[i]!r}" for i in raw.index[remaining][:5]],
        )
    return result
