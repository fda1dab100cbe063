"""How commands speak: human text or `--json`, and bad input as a clear message with a non-zero exit code."""
from __future__ import annotations

import datetime as dt
import json
import sys
from typing import Any, Callable

from regulation.dates import DateInputError, parse_date
from regulation.records import RecordError, dumps, to_jsonable

DATE_METAVAR = "DD.MM.GGGG."


class UserError(Exception):
    """Bad input from the user: said in Latvian and English, with what to do; exit code 2."""

    def __init__(self, message_lv: str, message_en: str, *, file: str | None = None, field: str | None = None,
                 page: int | None = None, hint_lv: str | None = None, exit_code: int = 2):
        self.message_lv, self.message_en = message_lv, message_en
        self.file, self.field, self.page, self.hint_lv = file, field, page, hint_lv
        self.exit_code = exit_code
        super().__init__(f"{message_lv} / {message_en}")

    @classmethod
    def from_record_error(cls, error: RecordError, file: str | None = None) -> "UserError":
        from asistents.labels import label_lv

        def where(p) -> str:  # the form's label (or column header) first, then the record's field
            label = label_lv(error.kind, p.field)
            return f"„{label}” ({p.field})" if label else p.field

        lv = "; ".join(f"{where(p)}: {p.message_lv}" for p in error.problems)
        en = "; ".join(f"{p.field}: {p.message_en}" for p in error.problems)
        return cls(f"nederīgi dati ({lv})", f"invalid data ({en})", file=file,
                   field=error.problems[0].field if error.problems else None,
                   hint_lv="izlabojiet norādītos laukus un mēģiniet vēlreiz")

    def as_dict(self) -> dict[str, Any]:
        return {"error": {"message_lv": self.message_lv, "message_en": self.message_en, "file": self.file,
                          "field": self.field, "page": self.page, "hint_lv": self.hint_lv}}


def option_date(text: str | None, flag: str) -> dt.date | None:
    """A date option (`--on 23.11.2021.` or `--on 2021-11-23`) as a date; bad input exits 2 naming the option."""
    if text is None or text == "":
        return None
    try:
        return parse_date(text)
    except DateInputError as e:
        raise UserError(f"{flag}: {e.message_lv}", f"{flag}: {e.message_en}", field=flag,
                        hint_lv="rakstiet datumu formā DD.MM.GGGG., piemēram, 15.03.2019.") from None


def add_json_flag(parser) -> None:
    parser.add_argument("--json", action="store_true", help="mašīnlasāma izvade (JSON) / machine-readable output")


def emit(data: Any, as_json: bool, text: Callable[[Any], str] | None = None) -> None:
    """Print `data` as JSON (records, Decimals as numbers) or as the text `text(data)` makes."""
    if as_json or text is None:
        sys.stdout.write(dumps(data) + "\n")
    else:
        sys.stdout.write(text(data).rstrip("\n") + "\n")


def fail(error: UserError, as_json: bool) -> int:
    if as_json:
        sys.stdout.write(json.dumps(to_jsonable(error.as_dict()), ensure_ascii=False, indent=2) + "\n")
    where = ", ".join(x for x in (
        f"fails {error.file}" if error.file else "",
        f"lauks {error.field}" if error.field else "",
        f"{error.page}. lapa" if error.page else "",
    ) if x)
    print(f"Kļūda{f' ({where})' if where else ''}: {error.message_lv}", file=sys.stderr)
    print(f"Error: {error.message_en}", file=sys.stderr)
    if error.hint_lv:
        print(f"Ko darīt: {error.hint_lv}", file=sys.stderr)
    return error.exit_code
