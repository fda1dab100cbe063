"""`asistents case list|show|assess|adopt|notify|contract|suspend|resume|terminate|change-assistant|close|
regenerate` — a case through its life (points 8–18), each step recorded with who did it and its documents
rendered into `--out` (default ./outbox/case-N/); `regenerate --document ID` makes one of them again as a new
version. A step the case's state does not allow exits 2 with the reason."""
from __future__ import annotations

import datetime as dt
import sys
from decimal import Decimal, InvalidOperation
from pathlib import Path

from asistents.output import DATE_METAVAR, UserError, add_json_flag, emit, option_date
from regulation.dates import parse_date
from asistents.register import actor, add_by_flag, add_db_flag, casework_error, open_register

STEPS = {
    "list": "lietas / cases", "show": "lietas gaita, konstatējumi, dokumenti / a case's timeline",
    "assess": "izvērtējums (8.3) / the assessment", "adopt": "pieņemt lēmumu (9) / adopt the decision",
    "notify": "paziņot lēmumu (10) / record the notification", "contract": "reģistrēt līgumu (14) / the contract",
    "suspend": "pārtraukt uz laiku (18) / suspend", "resume": "atsākt (18) / resume",
    "terminate": "izbeigt (17) / terminate", "change-assistant": "mainīt asistentu (16) / change assistant",
    "close": "slēgt izbeigtu lietu / close a terminated case",
    "regenerate": "izveidot dokumentu no jauna (jauna versija) / make a document again (a new version)",
    "gender": "personu gramatiskā dzimte vēstulēm (parāda; ar --person un --gender maina) / the people's grammatical "
              "gender in letters (shown; changed with --person and --gender)",
}


def register(subparsers) -> None:
    p = subparsers.add_parser("case", help="lietas gaita / a case through its life")
    sub = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    for name, help_ in STEPS.items():
        q = sub.add_parser(name, help=help_)
        if name == "list":
            q.add_argument("--state", help="tikai šajā stāvoklī / only in this state")
        else:
            q.add_argument("case", type=int, metavar="N", help="lietas numurs / the case id")
        _options(name, q)
        if name not in ("list", "show", "resume", "close", "gender"):
            q.add_argument("--out", default="outbox", metavar="DIR", help="dokumentu mape (noklusēti ./outbox) / "
                                                                          "documents folder")
            if name != "regenerate":
                q.add_argument("--no-render", action="store_true", help="bez dokumentiem / record only")
        add_db_flag(q)
        add_by_flag(q)
        add_json_flag(q)
        q.set_defaults(run=run)


def _options(name: str, q) -> None:
    date = dict(metavar=DATE_METAVAR)
    if name == "gender":
        q.add_argument("--person", choices=["recipient", "representative", "assistant"],
                       help="pakalpojuma saņēmējs, likumiskais pārstāvis vai asistents / whose")
        q.add_argument("--gender", choices=["f", "m"], help="f — sieviešu, m — vīriešu dzimte / feminine or masculine")
    if name == "assess":
        q.add_argument("file", nargs="?", metavar="FILE", help="izvērtējums JSON/YAML; bez tā — jautā pa laukam / "
                                                                "the assessment; without it, asked field by field")
        q.add_argument("--on", **date, help="lēmuma projekta datums (noklusēti saņemšanas) / the proposal's date")
        q.add_argument("--views", metavar="TEKSTS", help="personas viedoklis un argumenti (APL 67(2)) / the "
                                                        "person's views and arguments as heard")
    if name in ("adopt", "notify", "resume", "close"):
        q.add_argument("--on", **date, help="datums (noklusēti šodien) / the date (default today)")
    if name == "adopt":
        q.add_argument("--number", help="lēmuma numurs / the decision's number")
    if name in ("adopt", "suspend", "terminate"):
        q.add_argument("--views-answer", metavar="TEKSTS", help="sociālā dienesta atbilde uz personas viedokli "
                                                               "(APL 67(2)) / the service's answer to the views")
    if name in ("suspend", "terminate"):
        q.add_argument("--views", metavar="TEKSTS", help="personas viedoklis (APL 67(2)) / the person's views")
        q.add_argument("--decision-number", help="lēmuma numurs / the decision's number")
    if name == "notify":
        q.add_argument("--how", required=True, choices=["in_person", "post", "registered_post", "e_address"])
    if name in ("contract", "change-assistant"):
        q.add_argument("--assistant", required=True, metavar="'VĀRDS UZVĀRDS'", help="asistents / the assistant")
        q.add_argument("--assistant-code", metavar="PERSONAS KODS")
        q.add_argument("--number", help="līguma numurs / the contract number")
        q.add_argument("--provider", help="juridiska persona (3.¹) / a legal-entity provider")
        q.add_argument("--engagement", choices=["employment", "service_contract", "self_employed"])
    if name == "contract":
        q.add_argument("--start", **date)
        q.add_argument("--end", **date)
        q.add_argument("--hours", nargs="+", metavar="PUNKTS=H", help="stundas nedēļā pa 1. pielikuma punktiem, "
                                                                     "piem. 1=20 4=10 / hours per Annex 1 point")
    if name == "change-assistant":
        q.add_argument("--on", **date, required=True, help="no kura datuma / from when")
        q.add_argument("--reason", help="personas pamatojums (16) / the person's reason")
    if name == "regenerate":
        q.add_argument("--document", type=int, required=True, metavar="ID",
                       help="dokumenta numurs (case show --json: documents) / the document's id")
    if name == "suspend":
        q.add_argument("--reason", required=True, choices=["long_term_care", "hospital", "prison"])
        q.add_argument("--start", **date, required=True)
        q.add_argument("--end", **date)
        q.add_argument("--facts", help="kā tas kļuva zināms / how it became known")
    if name == "resume":
        q.set_defaults(on=None)
    if name == "terminate":
        q.add_argument("--ground", required=True, choices=["17.1", "17.2", "17.3", "17.4", "17.5"])
        q.add_argument("--on", **date, required=True, help="pakalpojuma pēdējā diena / the last day of the service")
        q.add_argument("--refusal-ground", choices=["9.2.1", "9.2.2", "9.2.3", "9.2.4"], help="ar 17.4 / with 17.4")
        q.add_argument("--facts", help="konstatētais / what was established")
        q.add_argument("--refund", metavar="19.1:EUR:DD.MM.GGGG.", help="atmaksa (19) / a refund")
        q.add_argument("--notified-on", **date)


def _date(text: str | None, flag: str) -> dt.date | None:
    return option_date(text, flag)


def _assistant(args):
    from regulation.records import Assistant, RecordError, load

    parts = args.assistant.split()
    if len(parts) < 2:
        raise UserError(f"asistentam jānorāda vārds un uzvārds, nevis '{args.assistant}'",
                        f"the assistant needs a given name and a surname, not '{args.assistant}'", field="--assistant")
    try:
        return load(Assistant, {"given_name": " ".join(parts[:-1]), "surname": parts[-1],
                                "personal_code": args.assistant_code})
    except RecordError as e:
        raise UserError.from_record_error(e) from None


def _hours(pairs: list[str] | None) -> dict[int, Decimal] | None:
    if not pairs:
        return None
    out = {}
    for pair in pairs:
        try:
            point, hours = pair.split("=")
            out[int(point)] = Decimal(hours.replace(",", "."))
        except (ValueError, InvalidOperation):
            raise UserError(f"--hours vērtībai jābūt PUNKTS=STUNDAS, nevis '{pair}'",
                            f"--hours takes POINT=HOURS, not '{pair}'", field="--hours") from None
    return out


def _refund(text: str | None):
    if not text:
        return None
    try:
        ground, amount, due = text.split(":")
        return ground, Decimal(amount.replace(",", ".")), parse_date(due)
    except (ValueError, InvalidOperation):
        raise UserError(f"--refund jābūt 19.1:EUR:DD.MM.GGGG., nevis '{text}'",
                        f"--refund takes 19.1:EUR:DD.MM.YYYY., not '{text}'", field="--refund") from None


def _assessment(args):
    from asistents.datafile import read_record
    from regulation.records import Assessment, RecordError, load

    if args.file:
        return read_record(Assessment, args.file)
    if not sys.stdin.isatty():
        raise UserError("norādiet izvērtējuma failu (JSON/YAML) vai palaidiet komandu terminālī",
                        "give the assessment file (JSON/YAML) or run the command in a terminal", field="FILE")
    from asistents.commands.assessment_prompt import ask

    try:
        def line(prompt: str) -> str:  # questions on stderr: stdout stays the answer (--json)
            print(prompt, end="", file=sys.stderr, flush=True)
            return input()

        return load(Assessment, ask(line, lambda s: print(s, file=sys.stderr)))
    except RecordError as e:
        raise UserError.from_record_error(e) from None


def run(args) -> int:
    import casework

    from asistents.commands.case_text import show_text, step_text

    reg = open_register(args.db)
    try:
        by, a = actor(args), args.action
        out = None if getattr(args, "no_render", a != "regenerate") else Path(args.out).resolve()
        if a == "list":
            rows = casework.case_list(reg, args.state)
            emit(casework.jsonable(rows), args.json, lambda _: "\n".join(
                f"{r.id:>5}  {r.case_number}  {r.received_on}  {r.state_lv:<26} {r.outcome or '—':<8} {r.person}"
                for r in rows) or "Lietu nav / no cases")
            return 0
        if a == "show":
            view = casework.case_show(reg, args.case)
            emit(casework.jsonable(view), args.json, lambda _: show_text(view))
            return 0
        n = args.case
        if a == "gender":
            return _gender(reg, args, by)
        if a == "assess":
            done = casework.assess(reg, n, _assessment(args), by=by, on=_date(args.on, "--on"), views=args.views,
                                   out=out)
        elif a == "adopt":
            done = casework.adopt(reg, n, by=by, on=_date(args.on, "--on"), number=args.number,
                                  views_answer=args.views_answer, out=out)
        elif a == "notify":
            done = casework.notify(reg, n, by=by, how=args.how, on=_date(args.on, "--on"), out=out)
        elif a == "contract":
            done = casework.register_contract(
                reg, n, by=by, assistant=_assistant(args), number=args.number, start=_date(args.start, "--start"),
                end=_date(args.end, "--end"), activities=_hours(args.hours), provider=_provider(args),
                engagement=args.engagement or "employment", out=out)
        elif a == "suspend":
            done = casework.suspend(reg, n, by=by, reason=args.reason, start=_date(args.start, "--start"),
                                    end=_date(args.end, "--end"), facts=args.facts, views=args.views,
                                    views_answer=args.views_answer, decision_number=args.decision_number, out=out)
        elif a == "resume":
            done = casework.resume(reg, n, by=by, on=_date(args.on, "--on") or dt.date.today())
        elif a == "terminate":
            done = casework.terminate(reg, n, by=by, ground=args.ground, on=_date(args.on, "--on"),
                                      notified_on=_date(args.notified_on, "--notified-on"),
                                      refusal_ground=args.refusal_ground, facts=args.facts,
                                      refund=_refund(args.refund), views=args.views, views_answer=args.views_answer,
                                      decision_number=args.decision_number, out=out)
        elif a == "change-assistant":
            done = casework.change_assistant(reg, n, by=by, assistant=_assistant(args), on=_date(args.on, "--on"),
                                             reason=args.reason, number=args.number, provider=_provider(args),
                                             engagement=args.engagement, out=out)
        elif a == "regenerate":
            done = casework.regenerate(reg, n, args.document, by=by, out=out)
        else:
            done = casework.close(reg, n, by=by, on=_date(args.on, "--on"))
        emit(casework.jsonable(done), args.json, lambda _: step_text(done))
    except casework.CaseworkError as e:
        raise casework_error(e) from None
    finally:
        reg.close()
    return 0


def _gender(reg, args, by: str) -> int:
    from casework import gender

    if (args.person is None) != (args.gender is None):
        raise UserError("dzimti maina ar abiem: --person un --gender", "give both --person and --gender to change it",
                        field="--gender" if args.gender is None else "--person")
    if args.person:
        people = gender.set_gender(reg, args.case, by=by, person=args.person, gender=args.gender)
    else:
        people = gender.case_genders(reg, args.case)
    emit(gender.jsonable(people), args.json, lambda _: "\n".join(
        f"{p.role_lv} ({p.person}): {p.name} — {p.gender_lv} ({p.source})" for p in people))
    return 0


def _provider(args):
    from regulation.records import Provider

    return Provider(name=args.provider) if getattr(args, "provider", None) else None
