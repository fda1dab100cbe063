"""`asistents demo`: the whole flow on `samples/` into `./out`, as a clerk would run it.

1. a fresh register `out/asistents.db` holding the service's own records for the sample people
   (`samples/register/`: contracts, point 14, so timesheets have granted hours to be checked against);
2. one inbox pass over every sample PDF (fillable, flattened, scanned) — parse, validate, register, draft
   the point 10 notices and decision proposals into `out/outbox/<case>/`, originals to `out/archive/`;
3. the clerk's assessment (point 8, `samples/register/assessments.json`) of each application, the decision
   it leads to (point 9) and, for a grant with a chosen assistant, the three-party contract (point 14);
4. PDFs of every document made (LibreOffice), and the Annex 2 report (point 24) of the samples' busiest
   month as DOCX, PDF and XLSX.
An existing `out/` is moved aside to `out.previous-<time>`, never overwritten.
"""
from __future__ import annotations

import datetime as dt
import json
import shutil
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

from asistents.output import UserError, add_json_flag, emit

ROOT = Path(__file__).resolve().parents[2]


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "demo", help="viss process ar paraugiem mapē ./out / the whole flow on samples/ into ./out",
        description="Parauga iesniegumi un uzskaites lapas (samples/) caur iesūtni, reģistru, lēmumiem, līgumiem un "
                    "2. pielikuma pārskatu mapē ./out.")
    p.add_argument("-o", "--out", default="out", help="izvades mape (noklusējums: ./out) / output folder")
    p.add_argument("--samples", default=str(ROOT / "samples"), help="paraugu mape / the samples folder")
    p.add_argument("--no-pdf", action="store_true", help="bez PDF (tikai DOCX) / DOCX only")
    add_json_flag(p)
    p.set_defaults(run=run)


def _say(args, text: str) -> None:
    if not args.json:
        print(text, file=sys.stderr, flush=True)


def _fresh(out: Path) -> Path | None:
    """Move an existing output folder aside (never delete a clerk's files)."""
    if not out.exists() or not any(out.iterdir()):
        return None
    aside = out.with_name(f"{out.name}.previous-{dt.datetime.now():%Y%m%d-%H%M%S}")
    out.rename(aside)
    return aside


def _copy_samples(samples: Path, inbox: Path) -> int:
    count = 0
    for kind in ("applications", "timesheets"):
        for pdf in sorted((samples / kind).glob("*/*.pdf")):
            target = inbox / f"{kind}-{pdf.parent.name}" / pdf.name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(pdf, target)
            count += 1
    return count


def _seed_contracts(reg, samples: Path) -> int:
    from regulation.records import Contract, load

    path = samples / "register" / "contracts.json"
    if not path.exists():
        return 0
    contracts = [load(Contract, c) for c in json.loads(path.read_text(encoding="utf-8"))]
    with reg.transaction() as tx:
        for c in contracts:
            tx.add_contract(c)
    return len(contracts)


def _decide_cases(reg, samples: Path, out: Path, municipality) -> dict[str, Any]:
    """The clerk's step after the pass: assess each application case and draft the decision and contract."""
    from intake.drafts import application_drafts, case_number, write_draft
    from intake.layout import Layout
    from regulation.assess import assess, pending_findings
    from regulation.parameters import OutOfForce
    from regulation.records import Assessment, Contract, load, to_jsonable

    path = samples / "register" / "assessments.json"
    assessments = {k: load(Assessment, v) for k, v in json.loads(path.read_text(encoding="utf-8")).items()} \
        if path.exists() else {}
    outcomes: Counter[str] = Counter()
    out_of_force: list[dict[str, str]] = []
    contracts = 0
    with reg.transaction() as tx:
        cases = [tx.case(cid) for cid in tx.case_ids()]
    for case in cases:
        app = case.application
        if app is None:
            continue
        assessment = assessments.get(app.applicant.personal_code)
        if assessment is None:
            outcomes["bez izvērtējuma"] += 1
            continue
        decided_on = app.received_on + dt.timedelta(days=14)
        try:
            decision = assess(app, assessment, decided_on)
        except OutOfForce as e:  # e.g. received after MK 942's repeal: another regulation decides it
            outcomes["ārpus MK 942 darbības"] += 1
            out_of_force.append({"case": case_number(case.id), "message_lv": e.message_lv, "message_en": e.message_en})
            continue
        if pending_findings(decision):
            outcomes["gaida izvērtējumu"] += 1
        outcomes[decision.outcome] += 1
        number = case_number(case.id)
        folder = Layout(out).case_folder(case.id)
        with reg.transaction() as tx:
            tx.add_assessment(case.id, assessment)
            tx.add_decision(case.id, decision)
        made = [write_draft(folder, kind, data, municipality, input_sha256=case.source_sha256,
                            rules_version=decision.rules_version, case_id=case.id)
                for kind, data in application_drafts(app, assessment, decision, case.id)]
        if decision.outcome != "refuse" and decision.duration and app.preferred_assistant:
            contract = load(Contract, {
                "number": f"AP-{number}", "recipient": to_jsonable(app.applicant),
                "assistant": to_jsonable(app.preferred_assistant), "start": decision.duration.start.isoformat(),
                "end": decision.duration.end.isoformat(), "concluded_on": decided_on.isoformat(),
                "hours_per_week": str(decision.hours_per_week),
                "activities": [{"annex1_point": a.annex1_point, "hours_per_week": str(a.granted)}
                               for a in decision.activities if a.granted > 0],
            })
            with reg.transaction() as tx:
                tx.add_contract(contract, case.id)
            made.append(write_draft(folder, "contract", {
                "contract": to_jsonable(contract), "case_number": number, "decision": to_jsonable(decision)},
                municipality, input_sha256=case.source_sha256, rules_version=decision.rules_version,
                case_id=case.id))
            contracts += 1
        with reg.transaction() as tx:
            for d in made:
                tx.add_document(case.id, d.kind, str(d.path.relative_to(out)), d.template_sha256,
                                case.source_sha256, decision.rules_version)
    return {"outcomes": dict(outcomes), "contracts": contracts, "out_of_force": out_of_force}


def _busiest_month(samples: Path) -> tuple[int, int]:
    months = Counter(json.loads(p.read_text(encoding="utf-8"))["month"]
                     for p in (samples / "timesheets").glob("*/*.expected.json"))
    if not months:
        raise UserError("paraugu mapē nav uzskaites lapu", "the samples folder holds no timesheets",
                        file=str(samples), hint_lv="pārveidojiet paraugus: .venv/bin/python samples/generate.py")
    month = max(months, key=lambda m: (months[m], m))
    return int(month[:4]), int(month[5:])


def run(args) -> int:
    import intake
    import registry
    from asistents.commands.report import _write
    from generator.config import load_municipality
    from registry import annex2

    started = time.monotonic()
    samples, out = Path(args.samples), Path(args.out).resolve()
    if not (samples / "applications").is_dir():
        raise UserError(f"paraugu mape {samples} nav atrasta", f"the samples folder {samples} was not found",
                        file=str(samples), hint_lv="palaidiet no projekta mapes vai norādiet --samples")
    aside = _fresh(out)
    if aside:
        _say(args, f"Iepriekšējā izvade pārvietota: {aside}")
    out.mkdir(parents=True)
    municipality = load_municipality()
    copied = _copy_samples(samples, out / "inbox")
    _say(args, f"1/4 Iesūtnē ielikti {copied} paraugu faili: {out / 'inbox'}")

    with registry.open(f"sqlite:///{out / 'asistents.db'}") as reg:
        seeded = _seed_contracts(reg, samples)
        _say(args, f"    Reģistrā ievadīti {seeded} līgumi (sociālā dienesta dati, samples/register/)")
        _say(args, "2/4 Iesūtnes apstrāde (nolasīšana, pārbaude, reģistrs, projekti)…")
        summary = intake.process(out, registry=reg, progress=not args.json, municipality=municipality)
        _say(args, summary.text_lv())
        _say(args, "3/4 Izvērtējumi, lēmumi un līgumi…")
        decided = _decide_cases(reg, samples, out, municipality)
        _say(args, f"    Lēmumi: {decided['outcomes']}; līgumi: {decided['contracts']}")
        year, month = _busiest_month(samples)
        report = annex2.compute(reg, year, month, municipality.genitive)
        reports = []
        for suffix in (("xlsx", "docx") if args.no_pdf else ("xlsx", "docx", "pdf")):
            path = out / f"parskats-2-pielikums-{year}-{month:02d}.{suffix}"
            _write(report, path, municipality)
            reports.append(str(path.relative_to(out)))
        counts = reg.counts()

    pdfs: list[str] = []
    failed: list[str] = []
    if not args.no_pdf:
        from generator.pdf import PdfConverter

        _say(args, "4/4 PDF (LibreOffice)…")
        docx = sorted((out / "outbox").glob("*/*.docx"))
        with PdfConverter(workers=2) as converter:
            for result in converter.convert(docx, targets=[d.with_suffix(".pdf") for d in docx]):
                (pdfs if result.ok else failed).append(str((result.pdf or result.source).relative_to(out)))
    result = {
        "out": str(out), "inbox_files": copied, "contracts_seeded": seeded, "pass": summary.as_dict(),
        "decisions": decided, "register": counts, "annex2": {"month": f"{year}-{month:02d}", "files": reports},
        "documents_docx": len(list((out / "outbox").glob("*/*.docx"))), "documents_pdf": len(pdfs),
        "pdf_failed": failed, "seconds": round(time.monotonic() - started, 1),
    }
    emit(result, args.json, _text)
    return 1 if failed else 0


def _text(r: dict[str, Any]) -> str:
    return "\n".join([
        f"Gatavs ({r['seconds']} s). Izvade: {r['out']}",
        f"  reģistrs: {r['out']}/asistents.db — " + ", ".join(f"{k} {v}" for k, v in r["register"].items()),
        "  iesūtnes apstrāde: " + ", ".join(f"{k} {v}" for k, v in r["pass"].items() if k not in ("files", "seconds"))
        + f" ({r['pass'].get('seconds', 0):.0f} s)",
        "  lēmumi: " + ", ".join(f"{k} {v}" for k, v in r["decisions"]["outcomes"].items())
        + f"; līgumi: {r['decisions']['contracts']}",
        *(f"    {x['case']}: {x['message_lv']}" for x in r["decisions"]["out_of_force"]),
        f"  dokumenti outbox/: {r['documents_docx']} DOCX, {r['documents_pdf']} PDF"
        + (f", neizdevās: {len(r['pdf_failed'])}" if r["pdf_failed"] else ""),
        f"  2. pielikums ({r['annex2']['month']}): {', '.join(r['annex2']['files'])}",
        "  oriģināli: archive/, nenolasāmie: quarantine/ (ar iemesla failu), žurnāls: intake.log.jsonl",
    ])
