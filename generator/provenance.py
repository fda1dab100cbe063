"""Where every document came from: input, rules version, template, kind, tool version and time.

Recorded three ways so an auditor finds it whichever file they hold: the DOCX core properties (`comments`
holds the JSON, `category` the kind, `identifier` the content key, `version` the tool version), the PDF's
document information (`/AsistentsProvenance`, written with pypdf) and a sidecar `<file>.json` beside each
output. The content key (input + template + kind + the municipality's settings) is what makes batches
resumable: an output whose sidecar carries the same key was made from the same data with the same template and
settings (signatory, letterhead) and is not made again; one with another key is stale and made again, the
previous file kept aside (`keep_aside`), never overwritten.

>>> p = make("decision", {"b": 1, "a": "ā", "rules_version": "MK942 2019-08 redakcija"}, template_sha256="ab" * 32,
...          now="2026-11-23T20:00:00+00:00")
>>> p.rules_version, p.input_sha256 == input_hash({"a": "ā", "rules_version": "MK942 2019-08 redakcija", "b": 1})
('MK942 2019-08 redakcija', True)
>>> len(p.key)
64
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import asdict, dataclass
from importlib import metadata
from pathlib import Path
from typing import Any, Mapping

from generator import atomic
from regulation.records import to_jsonable

PDF_KEY = "/AsistentsProvenance"


def tool_version() -> str:
    try:
        return f"asistents {metadata.version('asistents')}"
    except metadata.PackageNotFoundError:
        return "asistents (not installed)"


def input_hash(data: Any) -> str:
    """SHA-256 of the data as canonical JSON (sorted keys, no spaces): the same record → the same hash."""
    canonical = json.dumps(to_jsonable(data), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def file_hash(path: str | Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def find_rules_version(data: Any) -> str | None:
    """The first `rules_version` anywhere in the data (a decision carries one), or None."""
    if isinstance(data, Mapping):
        if isinstance(data.get("rules_version"), str):
            return data["rules_version"]
        values = data.values()
    elif isinstance(data, (list, tuple)):
        values = data
    else:
        return None
    for v in values:
        found = find_rules_version(v)
        if found:
            return found
    return None


@dataclass(frozen=True)
class Provenance:
    kind: str
    input_sha256: str
    template: str
    template_sha256: str
    rules_version: str | None
    tool_version: str
    created_at: str
    source: str | None = None  # the data file (and row) the input came from, when there is one
    settings_sha256: str = ""  # the municipality's settings the document was made with (settings_hash)

    @property
    def key(self) -> str:
        """What decides whether a document must be made again: same input, template, kind and settings."""
        return hashlib.sha256(f"{self.kind}\0{self.input_sha256}\0{self.template_sha256}\0{self.settings_sha256}"
                              .encode()).hexdigest()

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "key": self.key}

    def core_properties(self) -> dict[str, str]:
        """DOCX core properties (names as python-docx's CoreProperties)."""
        return {"comments": json.dumps(self.as_dict(), ensure_ascii=False, sort_keys=True),
                "category": self.kind, "identifier": self.key, "version": self.tool_version,
                "keywords": "asistents provenance"}


def settings_hash(municipality: Any) -> str:
    """SHA-256 of what a municipality's settings put into a document: every setting (the signatory, the
    letterhead's text, the appeal body, the bank) and the logo's bytes. (Its own templates count through the
    template's hash.)"""
    if municipality is None:
        return ""
    h = hashlib.sha256(municipality.model_dump_json(exclude={"templates_dir"}).encode("utf-8"))
    logo = getattr(municipality, "logo", None)
    if logo is not None and Path(logo).is_file():
        h.update(Path(logo).read_bytes())
    return h.hexdigest()


def make(kind: str, data: Any, *, template: str | Path = "", template_sha256: str | None = None,
         source: str | None = None, now: str | None = None, municipality: Any = None) -> Provenance:
    """Provenance for `data` rendered as `kind` with `template` (its hash is read unless given) and the
    `municipality`'s settings."""
    if template_sha256 is None:
        template_sha256 = file_hash(template)
    return Provenance(
        kind=kind, input_sha256=input_hash(data), template=Path(template).name if template else "",
        template_sha256=template_sha256, rules_version=find_rules_version(to_jsonable(data)),
        tool_version=tool_version(), created_at=now or dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        source=source, settings_sha256=settings_hash(municipality))


def sidecar_path(output: str | Path) -> Path:
    output = Path(output)
    return output.with_name(output.name + ".json")


def write_sidecar(output: str | Path, prov: Provenance, **extra: Any) -> Path:
    """`<output>.json`: the provenance plus anything else worth keeping (the PDF's name, page count)."""
    body = {"file": Path(output).name, "provenance": prov.as_dict(), **extra}
    return atomic.write_text(sidecar_path(output), json.dumps(to_jsonable(body), ensure_ascii=False, indent=2) + "\n")


def read_sidecar(output: str | Path) -> dict[str, Any] | None:
    try:
        return json.loads(sidecar_path(output).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def is_current(output: str | Path, prov: Provenance) -> bool:
    """True when `output` exists and its sidecar records the same content key (made from the same inputs)."""
    side = read_sidecar(output)
    return Path(output).is_file() and bool(side) and side.get("provenance", {}).get("key") == prov.key


def keep_aside(outputs: list[Path], folder: Path) -> list[Path]:
    """Move each existing output (and its sidecar) into `folder` before it is made again, so nothing a clerk
    may have edited, or a letter already sent, is overwritten. Returns where they went."""
    moved = []
    for path in outputs:
        if not path.exists():
            continue
        folder.mkdir(parents=True, exist_ok=True)
        for p in (path, sidecar_path(path)):
            if p.exists():
                p.replace(folder / p.name)
        moved.append(folder / path.name)
    return moved


def previous_folder(out_dir: Path, now: dt.datetime | None = None) -> Path:
    """`<out_dir>/previous-<UTC time>/`: where one run keeps the files it makes again."""
    now = now or dt.datetime.now(dt.timezone.utc)
    folder, n = out_dir / f"previous-{now:%Y%m%dT%H%M%SZ}", 1
    while folder.exists():  # another run in the same second
        n += 1
        folder = out_dir / f"previous-{now:%Y%m%dT%H%M%SZ}-{n}"
    return folder


def stamp_pdf(pdf: str | Path, prov: Provenance) -> None:
    """Add the provenance to the PDF's document information, keeping what LibreOffice wrote (Producer etc.)."""
    import io

    import pypdf

    reader = pypdf.PdfReader(pdf)
    writer = pypdf.PdfWriter(clone_from=reader)
    info = {k: v for k, v in (reader.metadata or {}).items() if isinstance(v, str)}
    info[PDF_KEY] = json.dumps(prov.as_dict(), ensure_ascii=False, sort_keys=True)
    writer.add_metadata(info)
    buf = io.BytesIO()
    writer.write(buf)
    atomic.write_bytes(pdf, buf.getvalue())


def read_pdf(pdf: str | Path) -> dict[str, Any] | None:
    import pypdf

    meta = pypdf.PdfReader(pdf).metadata or {}
    raw = meta.get(PDF_KEY)
    return json.loads(raw) if raw else None
