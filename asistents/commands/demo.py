"""`asistents demo`: the whole flow on `samples/` into `./out`, as a clerk would run it.

1. a fresh register `out/asistents.db` holding the service's own records for the sample people
   (`samples/register/`: contracts, point 14, so timesheets have granted hours to be checked against);
2. one inbox pass over every sample PDF (fillable, flattened, scanned) — parse, validate, register, draft
   the point 10 notices and decision proposals into `out/outbox/<case>/`, originals to `out/archive/`;
3. through `casework` (as `asistents case …` does): the clerk's assessment (point 8,
   `samples/register/assessments.json`) of each application, the decision adopted (9) and notified (10) and,
   for a grant with a chosen assistant, the three-party contract (point 14); then one case carried to its
   end — suspended (18), resumed, terminated (17.1) and closed — its timeline printed;
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
DEMO_ACTOR, DEMO_HEAD = "demo-klerks", "demo-vadītājs"


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
    """The clerk's steps after the pass, through `casework` as on the command line: the assessment of each
    application (8.3), the decision adopted (9) and notified (10) and, for a grant with a chosen assistant,
    the contract (14) — each with its documents in `out/outbox/case-N/`."""
    import casework as cw
    from intake.drafts import case_number
    from regulation.records import Assessment, load

    path = samples / "register" / "assessments.json"
    assessments = {k: load(Assessment, v) for k, v in json.loads(path.read_text(encoding="utf-8")).items()} \
        if path.exists() else {}
    outcomes: Counter[str] = Counter()
    out_of_force: list[dict[str, str]] = []
    contracts = 0
    docs = out / "outbox"
    for summary in cw.case_list(reg):
        app = cw.case_show(reg, summary.id).application
        assessment = assessments.get(app.applicant.personal_code)
        if assessment is None:
            outcomes["bez izvērtējuma"] += 1
            continue
        decided_on = app.received_on + dt.timedelta(days=14)
        try:
            step = cw.assess(reg, summary.id, assessment, by=DEMO_ACTOR, on=decided_on, out=docs,
                             municipality=municipality)
        except cw.CaseworkError as e:  # e.g. received after MK 942's repeal: another regulation decides it
            outcomes["ārpus MK 942 darbības"] += 1
            out_of_force.append({"case": case_number(summary.id), "message_lv": e.message_lv,
                                 "message_en": e.message_en})
            continue
        outcome = step.details["outcome"]
        outcomes[outcome] += 1
        if outcome == "pending":
            continue
        cw.adopt(reg, summary.id, by=DEMO_HEAD, on=decided_on, out=docs, municipality=municipality)
        cw.notify(reg, summary.id, by=DEMO_ACTOR, how="post", on=decided_on + dt.timedelta(days=3), out=docs,
                  municipality=municipality)
        if outcome != "refuse" and app.preferred_assistant:
            from regulation.records import Assistant

            assistant = Assistant(given_name=app.preferred_assistant.given_name,
                                  surname=app.preferred_assistant.surname)
            cw.register_contract(reg, summary.id, by=DEMO_ACTOR, assistant=assistant,
                                 number=f"AP-{case_number(summary.id)}", out=docs, municipality=municipality)
            contracts += 1
    return {"outcomes": dict(outcomes), "contracts": contracts, "out_of_force": out_of_force}


def _one_life(reg, out: Path, municipality) -> dict[str, Any] | None:
    """One case carried on to its end through `casework`: suspended (18), resumed, terminated (17.1), closed."""
    import casework as cw

    running = [(cw.case_show(reg, c.id).contracts[-1], c.id) for c in cw.case_list(reg, "in_service")]
    running = [(c, i) for c, i in running if (c.end - c.start).days >= 9]
    if not running:
        return None
    contract, case_id = max(running, key=lambda x: ((x[0].end - x[0].start).days, -x[1]))
    span, start = (contract.end - contract.start).days, contract.start
    docs = out / "outbox"
    steps = [
        cw.suspend(reg, case_id, by=DEMO_ACTOR, reason="hospital", start=start + dt.timedelta(days=span // 3),
                   facts="ziņa no ārstniecības iestādes", out=docs, municipality=municipality),
        cw.resume(reg, case_id, by=DEMO_ACTOR, on=start + dt.timedelta(days=span // 2)),
        cw.terminate(reg, case_id, by=DEMO_ACTOR, ground="17.1", on=start + dt.timedelta(days=2 * span // 3),
                     facts="persona iesniedza iesniegumu par atteikšanos", out=docs, municipality=municipality),
        cw.close(reg, case_id, by=DEMO_ACTOR, on=start + dt.timedelta(days=2 * span // 3)),
    ]
    view = cw.case_show(reg, case_id)
    return {"case": case_id, "timeline": [f"{t.on} {t.step} → {t.state} ({t.by})" for t in view.timeline],
            "steps": [s.message_lv for s in steps], "documents": len(view.documents), "audit_lines": len(view.audit)}


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
    import privacy
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
    modes = privacy.load()
    privacy.private_folder(privacy.makedirs(out, modes), modes)  # 0700: the register and letters inside
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
        life = _one_life(reg, out, municipality)
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
        "decisions": decided, "one_case": life, "register": counts, "annex2": {"month": f"{year}-{month:02d}", "files": reports},
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
        *_life_text(r.get("one_case")),
    ])


def _life_text(life: dict[str, Any] | None) -> list[str]:
    if not life:
        return ["  visa lietas gaita: nav lietas ar noslēgtu līgumu, ko parādīt"]
    return [f"  lieta {life['case']} līdz beigām (asistents case show {life['case']} --db sqlite:///out/asistents.db):",
            *(f"    {t}" for t in life["timeline"]),
            f"    dokumenti: {life['documents']}, audita ieraksti: {life['audit_lines']}"]
