"""`asistents review list|show|set|confirm|done` — the fields the reader was unsure of: correct or confirm them;
`done` re-validates the file and sends it on as a clean file (registered, proposal, drafts, archived)."""
from __future__ import annotations

import datetime as dt

from asistents.output import add_json_flag, emit, option_date
from asistents.register import actor, add_by_flag, add_db_flag, casework_error, open_register


def register(subparsers) -> None:
    p = subparsers.add_parser("review", help="nedroši nolasīto lauku pārbaude / review uncertain readings")
    sub = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    specs = {
        "list": ("pārbaudāmie faili / files in review", []),
        "show": ("faila lauki ar lapu un vietu / a file's fields with page and box", ["sha"]),
        "set": ("izlabot lauku / correct a field", ["sha", "field", "value"]),
        "confirm": ("apstiprināt nolasīto / confirm a reading", ["sha", "field"]),
        "done": ("pabeigt: fails tiek nodots tālāk / finish: the file goes on", ["sha"]),
    }
    for name, (help_, positional) in specs.items():
        q = sub.add_parser(name, help=help_)
        for arg in positional:
            q.add_argument(arg, metavar=arg.upper(), help={"sha": "faila SHA-256 (vismaz 6 zīmes) / the file's SHA-256",
                                                           "field": "lauks, piem. applicant.surname / the field",
                                                           "value": "vērtība kā veidlapā / the value as on the form"}[arg])
        if name == "show":
            q.add_argument("--all", action="store_true", help="visi lauki / every field")
        if name == "list":
            q.add_argument("--done", action="store_true", help="arī pabeigtie / finished ones too")
        if name == "done":
            q.add_argument("--on", metavar="DD.MM.GGGG.", help="lēmuma projekta datums / the proposal's date")
        add_db_flag(q)
        add_by_flag(q)
        add_json_flag(q)
        q.set_defaults(run=run)


def _field_line(f) -> str:
    page = f"{f.page}. lapa" if f.page else "—"
    box = ", ".join(f"{x:.0f}" for x in f.box) if f.box else "—"
    state = (f" → labots uz «{f.corrected}» ({f.corrected_by})" if f.corrected is not None else
             f" → apstiprināts ({f.corrected_by})" if f.confirmed else "")
    issues = "".join(f"\n      ! {i}" for i in f.issues)
    return (f"  {f.name} «{f.label_lv}»: «{f.raw if f.raw is not None else f.value}» (drošība {f.confidence:.2f}; "
            f"{page}, laukums {box}){state}{issues}")


def _item_text(item) -> str:
    head = (f"{item.sha256[:12]}  {item.kind}  {item.name}  saņemts {item.received_on}"
            + (f"  lēmums līdz {item.decide_by} (9)" if item.decide_by else "")
            + (f"  lieta {item.case_id}" if item.case_id else "") + f"  atvērti lauki: {item.open_fields}")
    return "\n".join([head, *[_field_line(f) for f in item.fields]])


def run(args) -> int:
    import casework

    reg = open_register(args.db)
    try:
        by = actor(args)
        if args.action == "list":
            items = casework.review_list(reg, None if args.done else "open")
            emit(casework.jsonable(items), args.json, lambda _: "\n".join(
                f"{i.sha256[:12]}  {i.kind:<11} {i.received_on}  {i.state:<5} atvērti lauki {i.open_fields}  {i.name}"
                for i in items) or "Pārbaudāmu failu nav / nothing to review")
        elif args.action == "show":
            item = casework.review_show(reg, args.sha, all_fields=args.all)
            emit(casework.jsonable(item), args.json, lambda _: _item_text(item))
        elif args.action in ("set", "confirm"):
            item = (casework.review_set(reg, args.sha, args.field, args.value, by=by) if args.action == "set" else
                    casework.review_confirm(reg, args.sha, args.field, by=by))
            emit(casework.jsonable(item), args.json, lambda _: _item_text(item))
        else:
            on = _date(args.on, "--on")
            done = casework.review_done(reg, args.sha, by=by, on=on)
            emit(casework.jsonable(done), args.json, lambda d: (
                f"{d.message_lv} / {d.message_en}: lieta {d.details.get('case_id') or '—'}, "
                f"lēmuma projekts {d.details.get('outcome') or '—'}" + "".join(f"\n  {p}" for p in d.documents)))
    except casework.CaseworkError as e:
        raise casework_error(e) from None
    finally:
        reg.close()
    return 0


def _date(text: str | None, flag: str) -> dt.date | None:
    return option_date(text, flag)
