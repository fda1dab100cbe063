"""Many documents in one go: one per record, resumable, and a per-record report instead of a stop.

`run_batch(items, out_dir, municipality=…)` validates each record into its kind's data model, renders it with
the compiled template (generator.render), writes `<stem>.docx` and its provenance sidecar atomically, then
converts every new DOCX to PDF in one warm LibreOffice pool (generator.pdf) when asked. A bad record, a
broken template or a LibreOffice failure becomes that record's error in the report; the others are made.
A document whose sidecar already carries the same content key (same input, template, kind and municipality
settings) is skipped, so a batch stopped half-way is simply run again. One made before with another key (the
data, the template or the settings — e.g. the signatory — changed since) is stale: it is made again and the
previous file goes to `<out_dir>/previous-<time>/`, never overwritten; `force` makes every one again that way.
"""
from __future__ import annotations

import io
from dataclasses import dataclass, field
from dataclasses import field as _field
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

from generator import atomic, provenance
from generator.config import Municipality
from generator.documents import KINDS, kind as get_kind
from generator.render import RenderError, TemplateCache
from regulation.records import RecordError, to_jsonable


@dataclass
class BatchItem:
    """One record to render: `kind`, the raw DATA, where it came from, and (for spreadsheets) which column
    holds which field, so an error can name the column."""

    kind: str
    data: Any
    source: str
    columns: Mapping[str, str] = field(default_factory=dict)  # field path → column header
    row: int | None = None


@dataclass
class Outcome:
    source: str
    status: str                    # made | skipped | failed
    docx: Path | None = None
    pdf: Path | None = None
    stage: str | None = None       # data | template | pdf, when failed
    error_lv: str | None = None
    error_en: str | None = None
    row: int | None = None
    column: str | None = None
    field: str | None = None
    pages: int | None = None
    previous: list[str] = _field(default_factory=list)  # the earlier files this one replaced, kept aside

    def as_dict(self) -> dict[str, Any]:
        return to_jsonable({k: str(v) if isinstance(v, Path) else v for k, v in self.__dict__.items()})


@dataclass
class BatchReport:
    outcomes: list[Outcome]
    merged: Path | None = None

    def count(self, status: str) -> int:
        return sum(o.status == status for o in self.outcomes)

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == "failed" or o.stage == "pdf"]

    @property
    def remade(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.previous]

    @property
    def previous_dir(self) -> str | None:
        return str(Path(self.remade[0].previous[0]).parent) if self.remade else None

    def as_dict(self) -> dict[str, Any]:
        return {"made": self.count("made"), "skipped": self.count("skipped"), "failed": len(self.failed),
                "remade": len(self.remade), "previous_dir": self.previous_dir,
                "merged": str(self.merged) if self.merged else None,
                "documents": [o.as_dict() for o in self.outcomes]}

    def text(self) -> str:
        lines = [f"Izveidoti: {self.count('made')}, izlaisti (jau ir): {self.count('skipped')}, "
                 f"kļūdas: {len(self.failed)} / made {self.count('made')}, skipped {self.count('skipped')}, "
                 f"failed {len(self.failed)}"]
        if self.remade:
            lines.append(f"  No jauna (mainīti dati, veidne vai iestatījumi, piem. parakstītājs): {len(self.remade)}; "
                         f"iepriekšējie faili saglabāti mapē {self.previous_dir} / re-made as the data, template or "
                         f"settings changed: {len(self.remade)}; the previous files are kept in {self.previous_dir}")
        if self.count("skipped"):
            lines.append("  Izlaistie jau ir ar tiem pašiem datiem, veidni un iestatījumiem; lai tos izveidotu no "
                         "jauna, --force (iepriekšējie tiks saglabāti mapē previous-…) / unchanged; --force makes "
                         "them again, keeping the previous ones aside")
        for o in self.outcomes:
            if o.status == "failed" or o.stage == "pdf":
                where = ", ".join(x for x in (o.source, f"kolonna '{o.column}'" if o.column else None,
                                              f"lauks {o.field}" if o.field and not o.column else None) if x)
                lines.append(f"  ✗ {where}: {o.error_lv}")
                lines.append(f"      {o.error_en}")
        if self.merged:
            lines.append(f"Apvienotais PDF / merged PDF: {self.merged}")
        return "\n".join(lines)


def _column_for(problem_field: str, columns: Mapping[str, str]) -> str | None:
    """The spreadsheet column of a record field (or of its closest parent field that has one)."""
    path = problem_field
    while path:
        if path in columns:
            return columns[path]
        path = path.rpartition(".")[0]
    return None


def _unique(stem: str, used: set[str]) -> str:
    name, n = stem, 1
    while name in used:
        n += 1
        name = f"{stem}-{n}"
    used.add(name)
    return name


def run_batch(items: Iterable[BatchItem], out_dir: str | Path, *, municipality: Municipality, pdf: bool = False,
              pdfa: bool = False, workers: int = 2, merged: str | Path | None = None, progress: bool = True,
              cache: TemplateCache | None = None, keep_docx: bool = True, force: bool = False) -> BatchReport:
    """Render every item into `out_dir`; see the module docstring. `merged`: one PDF of all PDFs in item order.
    `force`: make every document again, even one whose sidecar is current (e.g. after the municipality's
    settings — signatory, letterhead — changed, which the content key does not see)."""
    from tqdm import tqdm

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    cache = cache or TemplateCache()
    items = list(items)
    outcomes: list[Outcome] = []
    used: set[str] = set()
    pending_pdf: list[tuple[Outcome, provenance.Provenance]] = []
    aside: Path | None = None  # this run's previous-<time>/ folder, made when first needed
    for item in tqdm(items, desc="DOCX", unit="dok.", disable=None if progress else True, leave=False):
        out = Outcome(source=item.source, status="failed", row=item.row)
        outcomes.append(out)
        try:
            k = get_kind(item.kind)
            data = k.load(item.data)
        except RecordError as e:
            p = e.problems[0] if e.problems else None
            out.stage, out.field = "data", p.field if p else None
            out.column = _column_for(p.field, item.columns) if p else None
            out.error_lv = "; ".join(
                f"{_column_for(q.field, item.columns) or q.field}: {q.message_lv}" for q in e.problems)
            out.error_en = "; ".join(
                f"{_column_for(q.field, item.columns) or q.field}: {q.message_en}" for q in e.problems)
            continue
        template = k.template_for(municipality)
        stem = _unique(k.file_stem(data), used)
        docx_path, pdf_path = out_dir / f"{stem}.docx", out_dir / f"{stem}.pdf"
        try:
            compiled = cache.get(template)
        except (RenderError, OSError) as e:
            out.stage, out.error_lv, out.error_en = "template", f"veidne {template.name}: {e}", f"template {template.name}: {e}"
            continue
        prov = provenance.make(item.kind, item.data, template=template, template_sha256=compiled.sha256,
                               source=item.source, municipality=municipality)
        out.docx = docx_path
        docx_ok = not force and provenance.is_current(docx_path, prov)
        pdf_ok = not pdf or (not force and provenance.is_current(pdf_path, prov))
        if docx_ok and pdf_ok:
            out.status, out.pdf = "skipped", pdf_path if pdf else None
            continue
        if not docx_ok:
            try:
                body = compiled.render(k.context(data, municipality), core_properties=prov.core_properties())
            except RenderError as e:
                out.stage, out.field = "template", e.variable
                out.error_lv, out.error_en = f"{e.template}: {e.message_lv}", f"{e.template}: {e.message_en}"
                out.docx = None
                continue
        replaced = [p for p, ok in ((docx_path, docx_ok), (pdf_path, pdf_ok)) if not ok and p.exists()]
        if replaced:
            aside = aside or provenance.previous_folder(out_dir)
            out.previous = [str(p) for p in provenance.keep_aside(replaced, aside)]
        if not docx_ok:
            atomic.write_bytes(docx_path, body)
            provenance.write_sidecar(docx_path, prov)
        out.status = "made"
        if pdf:
            pending_pdf.append((out, prov))
    if pending_pdf:
        _convert(pending_pdf, pdfa=pdfa, workers=workers, progress=progress)
    report = BatchReport(outcomes)
    if merged:
        pdfs = [o.pdf for o in outcomes if o.pdf is not None and o.pdf.is_file() and o.stage != "pdf"]
        report.merged = merge_pdfs(pdfs, Path(merged))
    if not keep_docx:
        for o in outcomes:
            if o.docx and o.pdf and o.stage != "pdf":
                o.docx.unlink(missing_ok=True)
                provenance.sidecar_path(o.docx).unlink(missing_ok=True)
                o.docx = None
    return report


def _convert(pending: Sequence[tuple[Outcome, provenance.Provenance]], *, pdfa: bool, workers: int,
             progress: bool) -> None:
    from tqdm import tqdm

    from generator.pdf import PdfConverter

    step = 100  # results come back per call: report progress per hundred documents
    with PdfConverter(workers=workers, pdfa=pdfa) as pc, \
            tqdm(total=len(pending), desc="PDF", unit="dok.", disable=None if progress else True, leave=False) as bar:
        for i in range(0, len(pending), step):
            chunk = pending[i:i + step]
            results = pc.convert([o.docx for o, _ in chunk], targets=[o.docx.with_suffix(".pdf") for o, _ in chunk])
            for (out, prov), res in zip(chunk, results):
                if res.ok:
                    provenance.stamp_pdf(res.pdf, prov)
                    provenance.write_sidecar(res.pdf, prov, pages=res.pages, docx=out.docx.name)
                    out.pdf, out.pages = res.pdf, res.pages
                else:
                    out.stage = "pdf"
                    out.error_lv = f"PDF netika izveidots (LibreOffice): {res.error}"
                    out.error_en = f"PDF not made (LibreOffice): {res.error}"
            bar.update(len(chunk))


def merge_pdfs(pdfs: Sequence[Path], target: Path) -> Path:
    """One print file: every PDF's pages in the given order, written atomically."""
    import pypdf

    writer = pypdf.PdfWriter()
    for p in pdfs:
        writer.append(str(p))
    buf = io.BytesIO()
    writer.write(buf)
    return atomic.write_bytes(target, buf.getvalue())


def items_from_records(kind: str, records: Iterable[tuple[str, Any]]) -> list[BatchItem]:
    """(source label, raw DATA) pairs → batch items of one kind."""
    if kind not in KINDS:
        get_kind(kind)  # raises RecordError naming the kinds there are
    return [BatchItem(kind=kind, data=data, source=src) for src, data in records]
