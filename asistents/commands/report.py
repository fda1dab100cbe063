"""`asistents report annex2 --month YYYY-MM -o FILE.docx|.pdf|.xlsx [--administration EUR] [--json]`.

The Annex 2 monthly report (MK 942 point 24) from the case register ($ASISTENTS_DB_URL or ./asistents.db, or
`--db URL`). `--administration` stores the month's administration costs (22.4) in the register, so later
months' year-to-date column includes them. Every file written is recorded in the register's document trail
(kind `annex2`, the input's and the template's SHA-256, the rules version).
"""
from __future__ import annotations

import hashlib
import re
import sys
from decimal import Decimal, InvalidOperation
from pathlib import Path

from asistents.output import UserError, add_json_flag, emit
from regulation.records import dumps

_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
_SUFFIXES = (".xlsx", ".docx", ".pdf")


def register(subparsers) -> None:
    p = subparsers.add_parser("report", help="pārskati / reports",
                              description="Pārskati no lietu reģistra / reports from the case register.")
    sub = p.add_subparsers(dest="report", metavar="REPORT", required=True)
    a = sub.add_parser(
        "annex2",
        help="2. pielikuma pārskats par finanšu izlietojumu / the Annex 2 monthly report",
        description="MK 942 2. pielikuma pārskats par finanšu izlietojumu asistenta pakalpojuma nodrošināšanai "
                    "(24. punkts) no lietu reģistra.")
    a.add_argument("--month", required=True, metavar="GGGG-MM", help="pārskata mēnesis / the reporting month")
    a.add_argument("-o", "--output", metavar="FILE", help="FILE.xlsx, FILE.docx vai FILE.pdf")
    a.add_argument("--administration", metavar="EUR",
                   help="mēneša administrēšanas izdevumi (22.4), tiek saglabāti reģistrā / the month's "
                        "administration costs (22.4), stored in the register")
    a.add_argument("--municipality", metavar="NOSAUKUMS",
                   help="pašvaldība ģenitīvā virsrakstam, piem. 'Jelgavas novada' (citādi no asistents.yaml)")
    a.add_argument("--prepared-by", metavar="VĀRDS", help="sagatavotājs / who prepared it")
    a.add_argument("--db", metavar="URL", help="reģistra datubāze / the register's database URL")
    add_json_flag(a)
    a.set_defaults(run=run_annex2)


def _month(text: str) -> tuple[int, int]:
    m = _MONTH.match(text.strip())
    if not m:
        raise UserError(f"mēnesim jābūt formā GGGG-MM, nevis '{text}'", f"the month must be YYYY-MM, not '{text}'",
                        field="--month", hint_lv="norādiet mēnesi, piemēram, --month 2019-03")
    return int(m.group(1)), int(m.group(2))


def _amount(text: str | None) -> Decimal | None:
    if text is None:
        return None
    try:
        value = Decimal(text.strip().replace(",", "."))
    except InvalidOperation:
        value = Decimal(-1)
    if not value.is_finite() or value < 0:
        raise UserError(f"administrēšanas izdevumiem jābūt summai euro (piemēram, 125,40), nevis '{text}'",
                        f"administration costs must be an amount in euro (e.g. 125.40), not '{text}'",
                        field="--administration", hint_lv="norādiet nenegatīvu summu euro")
    return value.quantize(Decimal("0.01"))


def _municipality():
    """The configured municipality (asistents.yaml / $ASISTENTS_CONFIG), or the fictitious example."""
    from generator.config import load_municipality
    from regulation.records import RecordError

    try:
        return load_municipality()
    except RecordError as e:
        raise UserError.from_record_error(e) from None
    except OSError as e:
        raise UserError("pašvaldības iestatījumu fails nav nolasāms", f"the municipality settings cannot be read: {e}",
                        file=getattr(e, "filename", None), hint_lv="pārbaudiet ASISTENTS_CONFIG / asistents.yaml") from None


def _require_existing_sqlite(url: str | None) -> None:
    """A report reads the register: a SQLite file that does not exist is a mistake, not an empty register."""
    import os

    from sqlalchemy.engine import make_url

    text = url or os.environ.get("ASISTENTS_DB_URL") or "sqlite:///./asistents.db"
    try:
        parsed = make_url(text)
    except Exception:
        raise UserError(f"nederīga datubāzes adrese '{text}'", f"invalid database URL '{text}'", field="--db",
                        hint_lv="piemēram, sqlite:///asistents.db vai postgresql+psycopg://lietotājs@host/db") from None
    if parsed.get_backend_name() == "sqlite" and parsed.database and parsed.database != ":memory:" \
            and not Path(parsed.database).exists():
        raise UserError(f"lietu reģistra fails {parsed.database} nav atrasts",
                        f"the case register file {parsed.database} does not exist", file=parsed.database,
                        field="--db", hint_lv="norādiet esošu reģistru (--db vai ASISTENTS_DB_URL) vai vispirms "
                                              "apstrādājiet iesūtni (asistents inbox process DIR)")


def _write(report, output: Path, municipality) -> tuple[str, str]:
    """Write the report; returns (kind of output, SHA-256 of the template/code that laid it out)."""
    suffix = output.suffix.lower()
    if suffix == ".xlsx":
        from generator import spreadsheet

        spreadsheet.annex2_xlsx(report, output)
        return "xlsx", hashlib.sha256(Path(spreadsheet.__file__).read_bytes()).hexdigest()
    import tempfile

    from generator import atomic, documents, render
    from regulation.records import to_jsonable

    template, context = documents.prepare("annex2", to_jsonable(report), municipality)
    for note in context.get("notes", []):  # notes for the preparer: here, never in the report
        print(f"Piezīme sagatavotājam / note: {note}", file=sys.stderr)
    data = render.render_docx(template, context)
    template_sha = hashlib.sha256(Path(template).read_bytes()).hexdigest()
    if suffix == ".docx":
        atomic.write_bytes(output, data)
        return "docx", template_sha
    from generator import pdf

    output.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="annex2-") as tmp:
        docx_path = atomic.write_bytes(Path(tmp) / (output.stem + ".docx"), data)
        result = pdf.convert_one(docx_path, output)
    if not result.ok:
        raise UserError("PDF neizdevās izveidot (LibreOffice)", f"the PDF could not be made (LibreOffice): "
                        f"{result.error}", file=str(output), hint_lv="mēģiniet vēlreiz vai izvēlieties -o FILE.docx")
    return "pdf", template_sha


def _text(report) -> str:
    from generator import lv

    m, y = report.month_values, report.year_to_date
    rows = [
        ("Asistentu skaits*", m.assistants, y.assistants),
        ("Personu skaits**", m.recipients, y.recipients),
        ("Stundas (apmaksātās)", lv.number(m.hours, 2), lv.number(y.hours, 2)),
        ("Atlīdzība (22.1), EUR", lv.number(m.remuneration, 2), lv.number(y.remuneration, 2)),
        ("Darba devēja iemaksas (22.2), EUR", lv.number(m.contributions, 2), lv.number(y.contributions, 2)),
        ("Transports (22.3), EUR", lv.number(m.transport, 2), lv.number(y.transport, 2)),
        ("Administrēšana (22.4), EUR", lv.number(m.administration, 2), lv.number(y.administration, 2)),
        ("Kopā, EUR", lv.number(m.total, 2), lv.number(y.total, 2)),
    ]
    lines = [f"2. pielikums — {report.municipality}, {lv.month_year_lv(report.year, report.month)}",
             f"{'':36}{'mēnesī':>16}{'no gada sākuma':>18}"]
    lines += [f"{label:36}{str(a):>16}{str(b):>18}" for label, a, b in rows]
    lines.append(f"Iesniegt līdz {lv.date_short(report.due_on)} (24. punkts); {report.rules_version}")
    for f in report.findings:
        lines.append(f"  [{f.severity}] {f.rule}: {f.message_lv}")
    return "\n".join(lines)


def run_annex2(args) -> int:
    import registry
    from registry import annex2
    from registry.store import RegistryError

    year, month = _month(args.month)
    try:
        annex2.check_period(year, month)
    except annex2.ReportPeriodError as e:
        raise UserError(e.message_lv, e.message_en, field="--month",
                        hint_lv="norādiet mēnesi no 2016-01 līdz 2021-12") from None
    admin = _amount(args.administration)
    output = Path(args.output) if args.output else None
    if output is not None and output.suffix.lower() not in _SUFFIXES:
        raise UserError(f"nezināms izvades formāts '{output.suffix}'", f"unknown output format '{output.suffix}'",
                        file=str(output), hint_lv="izvēlieties -o FILE.xlsx, FILE.docx vai FILE.pdf")
    municipality = _municipality()
    name = args.municipality or municipality.genitive
    if municipality.is_example and not args.municipality:
        print("Piezīme: pašvaldības iestatījumi (asistents.yaml) nav atrasti — virsrakstā parauga pašvaldība; "
              "norādiet --municipality / Note: no municipality settings, the example is used", file=sys.stderr)
    _require_existing_sqlite(args.db)
    try:
        reg = registry.open(args.db)
    except RegistryError as e:
        raise UserError(e.message_lv, e.message_en, field="--db", hint_lv="norādiet sqlite:///ceļš vai "
                        "postgresql+psycopg://… adresi") from None
    except Exception as e:  # the database could not be opened: say which and why, without a traceback
        raise UserError("lietu reģistru neizdevās atvērt", f"could not open the case register: {e}",
                        field="--db", hint_lv="pārbaudiet ASISTENTS_DB_URL vai --db") from None
    with reg:
        counts = reg.counts()
        if counts["timesheets"] == 0 and counts["contracts"] == 0:
            raise UserError(
                "lietu reģistrā nav neviena līguma un uzskaites lapas — pārskatu nav no kā sagatavot",
                "the case register holds no contracts and no timesheets — there is nothing to report",
                field="--db", hint_lv=f"vispirms apstrādājiet iesūtnes failus (asistents inbox process DIR); "
                                      f"reģistrs: {reg.url}")
        if admin is not None:
            reg.set_administration(year, month, admin)
        report = annex2.compute(reg, year, month, name, prepared_by=args.prepared_by, administration_eur=admin)
        if output is not None:
            kind, template_sha = _write(report, output, municipality)
            input_sha = hashlib.sha256(dumps(report).encode("utf-8")).hexdigest()
            reg.add_document(None, f"annex2_{kind}", output, template_sha, input_sha, report.rules_version)
    emit(report, args.json, _text)
    return 0
