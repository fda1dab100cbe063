"""`asistents render KIND DATA -o OUT.docx|OUT.pdf [--pdfa]` — one document from a record (JSON/YAML);
`asistents render KIND --batch DIR|FILE.jsonl -o DIR [--pdf]` — one document per record, resumable."""
from __future__ import annotations

import json
import tempfile
from pathlib import Path

from asistents.datafile import read_data
from asistents.output import UserError, add_json_flag, emit
from regulation.records import RecordError


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "render",
        help="dokuments no ieraksta (DOCX vai PDF) / one document from a record",
        description="Izveido dokumentu (lēmumu, paziņojumu, līgumu, pārskatu) no JSON/YAML datiem. "
                    "Makes a document from JSON/YAML data.",
    )
    p.add_argument("kind", metavar="KIND", help="dokumenta veids, piem. decision / the document kind")
    p.add_argument("data", metavar="DATA", nargs="?", help="dati: .json/.yaml fails / the data file")
    p.add_argument("-o", "--output", required=True,
                   help="OUT.docx vai OUT.pdf (ar --batch: mape) / output file (with --batch: a folder)")
    p.add_argument("--batch", metavar="DIR_OR_JSONL",
                   help="daudzi ieraksti: mape ar .json/.yaml vai .jsonl fails / many records")
    p.add_argument("--pdf", action="store_true", help="ar --batch: arī PDF / with --batch: PDFs too")
    p.add_argument("--pdfa", action="store_true", help="PDF/A-2b")
    p.add_argument("--config", help="pašvaldības iestatījumi (asistents.yaml) / municipality settings")
    p.add_argument("--force", action="store_true",
                   help="ar --batch: izveidot no jauna arī nemainītos (novecojušos — pēc datu, veidnes vai iestatījumu "
                        "maiņas — izveido no jauna vienmēr; iepriekšējie paliek mapē previous-…) / with --batch: "
                        "re-render unchanged documents too (stale ones are always re-rendered, the previous kept)")
    add_json_flag(p)
    p.set_defaults(run=run)


def municipality(path: str | None):
    from generator.config import load_municipality

    try:
        return load_municipality(path)
    except FileNotFoundError as e:
        raise UserError("iestatījumu fails nav atrasts", "settings file not found", file=str(e.filename or path),
                        hint_lv="pārbaudiet --config vai ASISTENTS_CONFIG") from None
    except RecordError as e:
        raise UserError.from_record_error(e, file=e.kind) from None


def check_kind(kind: str) -> None:
    from generator.documents import kind as get_kind

    try:
        get_kind(kind)
    except RecordError as e:
        p = e.problems[0]
        raise UserError(p.message_lv, p.message_en, field="KIND",
                        hint_lv="`asistents templates check` parāda visus veidus") from None


def render_error(e) -> UserError:
    return UserError(e.message_lv, e.message_en, file=e.template, field=e.variable,
                     hint_lv="pārbaudiet veidni ar `asistents templates check`")


def run(args) -> int:
    check_kind(args.kind)
    mun = municipality(args.config)
    if args.batch:
        return run_batch(args, mun)
    if not args.data:
        raise UserError("nav norādīts DATA fails", "no DATA file given", field="DATA",
                        hint_lv="asistents render KIND DATA.json -o OUT.docx")
    out = Path(args.output)
    if out.suffix.lower() not in (".docx", ".pdf"):
        raise UserError("izvades failam jābeidzas ar .docx vai .pdf", "the output must end in .docx or .pdf",
                        file=str(out), field="-o")
    return run_one(args, mun, out)


def run_one(args, mun, out: Path) -> int:
    from generator import atomic, provenance
    from generator.documents import KINDS
    from generator.render import RenderError, TemplateCache

    raw = read_data(args.data)
    k = KINDS[args.kind]
    try:
        data = k.load(raw)
    except RecordError as e:
        raise UserError.from_record_error(e, file=str(args.data)) from None
    template = k.template_for(mun)
    try:
        compiled = TemplateCache().get(template)
        prov = provenance.make(args.kind, raw, template=template, template_sha256=compiled.sha256,
                               source=Path(args.data).name, municipality=mun)
        body = compiled.render(k.context(data, mun), core_properties=prov.core_properties())
    except RenderError as e:
        raise render_error(e) from None
    # Notes for the preparer (terms, missing attachments, warnings) go here, never into the document.
    result = {"kind": args.kind, "output": str(out), "provenance": prov.as_dict(), "notes": k.notes(data, mun),
              "blockers": k.blockers(data), "previous": None, "previous_stale": None}
    if out.exists():  # an earlier OUT (maybe edited, maybe sent) is kept aside, never overwritten
        stale = not provenance.is_current(out, prov)
        result["previous"] = str(provenance.keep_aside([out], provenance.previous_folder(out.parent))[0])
        result["previous_stale"] = stale
    if out.suffix.lower() == ".docx":
        atomic.write_bytes(out, body)
        provenance.write_sidecar(out, prov)
    else:
        from generator.pdf import convert_one

        with tempfile.TemporaryDirectory(prefix="asistents-render-") as tmp:
            src = Path(tmp) / f"{out.stem}.docx"
            src.write_bytes(body)
            res = convert_one(src, out, pdfa=args.pdfa)
        if not res.ok:
            raise UserError(f"PDF neizdevās: {res.error}", f"PDF conversion failed: {res.error}", file=str(out),
                            hint_lv="pārbaudiet, vai LibreOffice (soffice) ir uzstādīts; DOCX var izveidot ar -o X.docx")
        provenance.stamp_pdf(out, prov)
        provenance.write_sidecar(out, prov, pages=res.pages)
        result["pages"] = res.pages
    emit(result, args.json, _summary)
    return 0


def _summary(r: dict) -> str:
    lines = [f"Izveidots / written: {r['output']}"]
    if r.get("previous"):
        why = (" (tas bija veidots no citiem datiem, veidnes vai iestatījumiem)" if r.get("previous_stale") else "")
        lines.append(f"Iepriekšējais fails{why} saglabāts: {r['previous']} / the previous file is kept: {r['previous']}")
    lines += [f"Piezīme sagatavotājam / note: {n}" for n in r["notes"]]
    lines += [f"Projektu vēl nevar pieņemt / not adoptable yet: {b}" for b in r["blockers"]]
    return "\n".join(lines)


def _records(source: Path):
    from asistents.datafile import read_data as read

    if source.is_dir():
        files = sorted(p for p in source.iterdir() if p.suffix.lower() in (".json", ".yaml", ".yml"))
        if not files:
            raise UserError("mapē nav .json/.yaml failu", "no .json/.yaml files in the folder", file=str(source))
        return [(p.name, read(p)) for p in files]
    if source.suffix.lower() == ".jsonl":
        out = []
        try:
            lines = source.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as e:
            raise UserError(f"failu nevar nolasīt: {e}", f"cannot read the file: {e}", file=str(source)) from None
        for n, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                out.append((f"{source.name}: {n}. rinda / line {n}", json.loads(line)))
            except json.JSONDecodeError as e:
                raise UserError(f"{n}. rinda nav derīgs JSON: {e.msg}", f"line {n} is not valid JSON: {e.msg}",
                                file=str(source), hint_lv="katrā rindā jābūt vienam JSON objektam") from None
        return out
    raise UserError("--batch jābūt mapei vai .jsonl failam", "--batch must be a folder or a .jsonl file",
                    file=str(source))


def run_batch(args, mun) -> int:
    from generator.batch import items_from_records, run_batch as batch

    source = Path(args.batch)
    if not source.exists():
        raise UserError("nav atrasts", "not found", file=str(source), hint_lv="pārbaudiet ceļu")
    report = batch(items_from_records(args.kind, _records(source)), args.output, municipality=mun,
                   pdf=args.pdf or args.pdfa, pdfa=args.pdfa, progress=not args.json, force=args.force)
    emit(report.as_dict(), args.json, lambda _: report.text())
    return 2 if report.failed else 0
