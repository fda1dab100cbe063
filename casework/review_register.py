"""Names on a file in review that the register confirmed: the person's personal code is known and the name
read matches the register's spelling once the letters a scan confuses are folded away
(`parser.crosscheck`). The intake took the register's spelling and settled the doubt
(`settle_with_register`), keeping what was seen in the reading's `raw`; the verification station shows these
as confirmed from the register, with what was seen, not as fields to look at."""
from __future__ import annotations

from typing import Any

from forms.definition import load as load_form
from parser.crosscheck import PEOPLE, against_known

from casework.errors import reading
from casework.records import RegisterConfirmed


def review_register_confirmed(reg: Any, sha256: str) -> list[RegisterConfirmed]:
    """The names of an open file in review confirmed from the register (none once the file went on: its own
    case is then in the register). A name a person has since set or confirmed is theirs, not listed."""
    with reading(reg) as tx:
        f = tx.review_file(sha256)
        if f.state != "open":
            return []
        fields = f.reading.get("fields", {})
        codes = [v for v in ((fields.get(f"{p}.personal_code") or {}).get("value") for p in PEOPLE)
                 if isinstance(v, str) and v]
        known = tx.known_names(codes) if codes else {}
        if not known:
            return []
        touched = {c.field for c in tx.corrections(f.sha256)}
        # what the form showed: `raw` where the register's spelling replaced it, else the value read
        seen = {name: (r.get("raw") if r.get("raw") is not None else r.get("value")) for name, r in fields.items()
                if isinstance(r, dict)}
        labels = {d.name: d.label_lv for d in load_form(f.kind).fields}
        return [RegisterConfirmed(c.field, labels.get(c.field, c.field), c.read, c.known)
                for c in against_known(seen, known) if c.outcome == "confirmed" and c.field not in touched]
