"""Reading a record from a JSON or YAML file given on the command line, with errors that say which file."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from asistents.output import UserError
from regulation.records import R, RecordError, load


def read_data(path: str | Path) -> Any:
    """The data in a .json/.yaml/.yml file (or JSON on standard input for '-')."""
    import sys

    name = str(path)
    try:
        text = sys.stdin.read() if name == "-" else Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UserError(f"fails nav atrasts: {name}", f"file not found: {name}", file=name,
                        hint_lv="pārbaudiet faila ceļu") from None
    except UnicodeDecodeError:
        raise UserError("fails nav UTF-8 teksts (JSON vai YAML)", "the file is not UTF-8 text (JSON or YAML)",
                        file=name) from None
    except OSError as e:
        raise UserError(f"failu nevar nolasīt: {e.strerror}", f"cannot read the file: {e.strerror}", file=name) from None
    try:
        if name.endswith((".yaml", ".yml")):
            return yaml.safe_load(text)
        return json.loads(text)
    except (json.JSONDecodeError, yaml.YAMLError) as e:
        raise UserError(f"fails nav derīgs JSON/YAML: {e}", f"the file is not valid JSON/YAML: {e}", file=name,
                        hint_lv="pārbaudiet faila sintaksi") from None


def read_record(kind: type[R], path: str | Path) -> R:
    try:
        return load(kind, read_data(path))
    except RecordError as e:
        raise UserError.from_record_error(e, file=str(path)) from None


def read_form_record(kind: type[R], path: str | Path) -> R:
    """A record from JSON/YAML, or read from a PDF form through the parser (sandboxed)."""
    name = str(path)
    if not name.lower().endswith(".pdf"):
        return read_record(kind, path)
    import parser  # the PDF reader is heavy: loaded only for PDFs
    from parser.result import ParseError

    try:
        result = parser.parse_file(path)
    except ParseError as e:
        raise UserError(e.message_lv, e.message_en, file=name, page=None if e.page is None else e.page + 1) from None
    if not isinstance(result.record, kind):
        issue = next((i for i in result.issues if i.severity == "error"), None)
        what_lv = {"Application": "iesniegumu", "Timesheet": "uzskaites lapu"}.get(kind.__name__, "ierakstu")
        raise UserError(
            f"no PDF neizdevās nolasīt derīgu {what_lv}" + (f": {issue.message_lv}" if issue else ""),
            f"no valid {kind.__name__.lower()} could be read from the PDF" + (f": {issue.message_en}" if issue else ""),
            file=name, field=issue.field if issue else None,
            page=None if issue is None or issue.page is None else issue.page + 1,
            hint_lv="pārbaudiet veidlapu (asistents parse) vai ievadiet datus JSON/YAML failā")
    return result.record
