"""The folders under an intake root and the names files get there.

```
DIR/inbox/        clerks drop files here (sub-folders allowed, whole folders moved in)
DIR/outbox/<case>/ draft documents: DOCX + a sidecar JSON (input, template and rules version)
DIR/archive/      originals after a durable commit: <sha256[:12]>-<slug>.pdf
DIR/archive/duplicates/  further copies of bytes already archived (kept, never deleted)
DIR/review/       every file on the review list (application or timesheet, registered or not: fields missing or
                  read with doubt): the original + <name>.reason.txt/.reason.json listing what to check
DIR/quarantine/   files that cannot be read at all (not a PDF, damaged, encrypted, hostile) + reason files
./asistents.db    the register, where the command runs (unless --db or ASISTENTS_DB_URL say otherwise)
DIR/intake.log.jsonl  one JSON line per file: sha256, state, ids, timings (no names, no personal codes)
```

outbox/, archive/, review/ and quarantine/ are private (0700, or 0750 with the `files.group` of
asistents.yaml — `privacy`); `inbox/` is left as the clerks' drop folder.

Names in archive/review/quarantine come from the content hash and a slug of the file name, never from text
read out of the file, so they are safe and the same bytes always land on the same name.

>>> slug("Uzskaites lapa — Bērziņa 2019-03 (1).PDF")
'uzskaites-lapa-berzina-2019-03-1'
>>> slug("...")
'fails'
>>> Layout(Path("/x")).archive_name("ab" * 32, "a/b/Ātrā forma.pdf").name
'abababababab-atra-forma.pdf'
"""
from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import privacy

SLUG_MAX = 60
# Names scanners, office suites and copy tools use while a file is still being written.
PARTIAL_SUFFIXES = (".part", ".partial", ".tmp", ".temp", ".crdownload", ".download", ".filepart", ".swp", "~")
PARTIAL_PREFIXES = (".", "~$", ".~lock")


def slug(name: str) -> str:
    """An ASCII file-name stem from a clerk's file name: diacritics folded, anything else a hyphen."""
    stem = Path(name).name
    suffix = Path(stem).suffix
    if re.fullmatch(r"\.[A-Za-z0-9]{1,5}", suffix):
        stem = stem[: -len(suffix)]
    folded = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode().lower()
    out = re.sub(r"[^a-z0-9]+", "-", folded).strip("-")[:SLUG_MAX].strip("-")
    return out or "fails"


def is_partial(name: str) -> bool:
    """A name that belongs to a file still being written or to a tool's own bookkeeping (hidden files too)."""
    base = os.path.basename(name)
    return base.startswith(PARTIAL_PREFIXES) or base.lower().endswith(PARTIAL_SUFFIXES)


@dataclass(frozen=True)
class Layout:
    root: Path

    @property
    def inbox(self) -> Path:
        return self.root / "inbox"

    @property
    def outbox(self) -> Path:
        return self.root / "outbox"

    @property
    def archive(self) -> Path:
        return self.root / "archive"

    @property
    def duplicates(self) -> Path:
        return self.root / "archive" / "duplicates"

    @property
    def review(self) -> Path:
        return self.root / "review"

    @property
    def quarantine(self) -> Path:
        return self.root / "quarantine"

    @property
    def log(self) -> Path:
        return self.root / "intake.log.jsonl"

    @property
    def lock(self) -> Path:
        return self.root / ".intake.lock"

    @property
    def db_url(self) -> str:
        return f"sqlite:///{(self.root / 'asistents.db').resolve()}"

    def ensure(self, modes: privacy.Modes | None = None) -> "Layout":
        """Make the folders; the ones holding personal data get the private mode (tightened if made before)."""
        modes = privacy.load() if modes is None else modes
        self.inbox.mkdir(parents=True, exist_ok=True)
        for folder in (self.outbox, self.archive, self.duplicates, self.review, self.quarantine):
            privacy.makedirs(folder, modes)
            try:
                privacy.private_folder(folder, modes)
            except OSError:
                pass  # read-only or full: the writes into it fail file by file, saying why, and are retried
        return self

    @staticmethod
    def stored_name(sha256: str, name: str) -> str:
        """`<sha256[:12]>-<slug>.<suffix>`: the file's own suffix kept (a JPEG dropped by mistake is not
        renamed to .pdf), lower-cased, `.pdf` when it has none.

        >>> Layout.stored_name("0" * 64, "Skenēts.JPG"), Layout.stored_name("0" * 64, "bez-galotnes")
        ('000000000000-skenets.jpg', '000000000000-bez-galotnes.pdf')
        """
        suffix = Path(name).suffix.lower()
        if not re.fullmatch(r"\.[a-z0-9]{1,5}", suffix):
            suffix = ".pdf"
        return f"{sha256[:12]}-{slug(name)}{suffix}"

    def archive_name(self, sha256: str, name: str) -> Path:
        return self.archive / self.stored_name(sha256, name)

    def review_name(self, sha256: str, name: str) -> Path:
        return self.review / self.stored_name(sha256, name)

    def quarantine_name(self, sha256: str, name: str) -> Path:
        return self.quarantine / self.stored_name(sha256, name)

    def case_folder(self, case_id: int | None, timesheet_id: int | None = None) -> Path:
        if case_id is not None:
            return self.outbox / f"case-{case_id:06d}"
        return self.outbox / f"timesheet-{timesheet_id:06d}"
