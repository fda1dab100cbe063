"""`asistents inbox process DIR` (one pass) and `asistents inbox watch DIR` (keep going).

DIR holds `inbox/` (where clerks drop files), `outbox/`, `archive/`, `review/`, `quarantine/` and
`intake.log.jsonl`; the register is `./asistents.db` where the command runs (unless `--db` or ASISTENTS_DB_URL
name another), the one every command uses.
Exit codes: 0 all done, 1 some file failed for a reason outside it (it stays in the inbox and is retried) or the
disk is full (said once; every file stays where it was), 2 bad usage. `watch` keeps going through a full disk
and resumes when space returns.
"""
from __future__ import annotations

import argparse
import signal
import sys
from pathlib import Path
from typing import Any

from asistents.output import UserError, add_json_flag, emit, option_date


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "inbox", help="apstrādāt iesūtnes mapi / process the inbox folder",
        description="Apstrādā failus mapē DIR/inbox: reģistrē lietas, sagatavo dokumentu projektus DIR/outbox, "
                    "oriģinālus pārvieto uz DIR/archive, nenolasāmos uz DIR/quarantine ar iemeslu. / "
                    "Processes the files in DIR/inbox into the register and draft documents.")
    sub = p.add_subparsers(dest="inbox_command", metavar="process|watch", required=True)
    for name, help_lv in (("process", "viena apstrādes reize / one pass"),
                          ("watch", "apstrādāt jaunus failus, līdz pārtrauc / keep processing new files")):
        q = sub.add_parser(name, help=help_lv)
        q.add_argument("dir", metavar="DIR", help="iesūtnes saknes mape (ar inbox/) / the intake folder")
        q.add_argument("--db", metavar="URL", help="reģistra datubāze (noklusēti ASISTENTS_DB_URL vai "
                                                   "./asistents.db) / the register's database URL")
        q.add_argument("--no-render", action="store_true", help="nesagatavot dokumentu projektus / no drafts")
        q.add_argument("--on", metavar="DD.MM.GGGG.", help="lēmuma priekšlikuma datums / decision date")
        q.add_argument("--settle", type=float, default=2.0, metavar="S",
                       help="cik sekundes failam jābūt nemainīgam / seconds a file must be unchanged (2)")
        q.add_argument("--workers", type=int, default=2, metavar="N",
                       help="paralēlie nolasīšanas procesi / parser processes (2)")
        if name == "watch":
            q.add_argument("--interval", type=float, default=5.0, metavar="S",
                           help="pilnas pārskatīšanas intervāls sekundēs / full rescan interval (5)")
        add_json_flag(q)
        q.set_defaults(run=run_process if name == "process" else run_watch)


def _setup(args: argparse.Namespace):
    import registry as reg_module
    from intake.pipeline import Options

    root = Path(args.dir)
    if root.exists() and not root.is_dir():
        raise UserError(f"'{root}' nav mape", f"'{root}' is not a folder", file=str(root),
                        hint_lv="norādiet mapi, kurā ir (vai tiks izveidota) apakšmape inbox/")
    on = option_date(args.on, "--on")
    if args.settle < 0 or args.workers < 1:
        raise UserError("--settle jābūt ≥ 0 un --workers ≥ 1", "--settle must be ≥ 0 and --workers ≥ 1",
                        field="--settle/--workers", hint_lv="norādiet derīgas vērtības")
    from asistents.register import db_url

    url = db_url(args.db)  # the one default register of every command (./asistents.db)
    opts = Options(render=not args.no_render, settle=args.settle, workers=args.workers, on=on)

    def open_registry():
        """The register, or the Problem that keeps it from opening (a full disk: its folder or migration)."""
        from intake.trouble import no_space, out_of_space

        try:
            root.mkdir(parents=True, exist_ok=True)
            return reg_module.open(url)
        except reg_module.RegistryError as e:
            raise UserError(e.message_lv, e.message_en, field="--db",
                            hint_lv="norādiet sqlite:///ceļš.db vai postgresql+psycopg://…") from None
        except Exception as e:
            if out_of_space(e):
                return no_space(root)
            raise

    return root, open_registry, opts


def _stop_on_signals():
    from intake.pipeline import Stop

    stop = Stop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, stop.set)
    return stop


def run_process(args: argparse.Namespace) -> int:
    from intake.pipeline import PassSummary, process
    from intake.trouble import Problem

    root, open_registry, opts = _setup(args)
    registry = open_registry()
    if isinstance(registry, Problem):
        summary = PassSummary(problem=registry)
        emit(summary.as_dict(), args.json, lambda _: _text(summary))
        return 1
    stop = _stop_on_signals()
    try:
        summary = process(root, registry=registry, options=opts, stop=stop,
                          progress=not args.json and sys.stderr.isatty())
    finally:
        registry.close()
    emit(summary.as_dict(), args.json, lambda _: _text(summary))
    return 1 if summary.failed or summary.problem else 0


def run_watch(args: argparse.Namespace) -> int:
    from intake.pipeline import PassSummary
    from intake.trouble import Problem
    from intake.watch import watch

    root, open_registry, opts = _setup(args)
    opts.max_wait = 0.0
    opts.failed_backoff = 30.0  # a file that failed (full disk, read-only folder) is retried every 30 s, not each pass
    stop = _stop_on_signals()
    said: list[Problem | None] = [None]  # the trouble last told: each is said once, and again when it is over

    def report(summary) -> None:
        problem = summary.problem
        if problem is not None and problem == said[0]:
            return  # the same full disk: said already; its files wait
        if problem is None and said[0] is not None:
            said[0] = None
            _say(args.json, {"resumed": True}, "Darbs atsākts: vieta diskā ir. / Resumed: there is space again.")
        said[0] = problem
        if summary.total == 0 and problem is None:
            return
        if args.json:
            emit(summary.as_dict(), True)
        else:
            print(_text(summary), flush=True)

    if not args.json:
        print(f"Vēro {root / 'inbox'} (ik pēc {args.interval:g} s pilna pārskatīšana); apturēt: Ctrl+C", flush=True)
    registry = open_registry()
    while isinstance(registry, Problem):  # e.g. a full disk before the register could even be opened
        report(PassSummary(problem=registry))
        if stop.wait(args.interval):
            break
        registry = open_registry()
    if isinstance(registry, Problem):
        return 0
    try:
        watch(root, registry=registry, interval=args.interval, options=opts, stop=stop, on_pass=report)
    finally:
        registry.close()
    if not args.json:
        print("Apturēts.", flush=True)
    return 0


def _say(as_json: bool, data: dict, text: str) -> None:
    if as_json:
        emit(data, True)
    else:
        print(text, flush=True)


def _text(summary) -> str:
    lines = [summary.text_lv()]
    if summary.problem is not None:
        lines[:0] = [f"Apturēts: {summary.problem.message_lv}", f"Stopped: {summary.problem.message_en}"]
    labels = {"processed": "apstrādāts", "needs_review": "jāpārbauda", "quarantined": "karantīnā",
              "duplicate": "dublikāts", "failed": "neizdevās"}
    for f in summary.files[:50]:  # which file went where (its new place under DIR), and why when not simply done
        where = f" → {f['path']}" if f.get("path") else " (paliek iesūtnē)"
        why = f": {f['reason_lv']}" if f.get("reason_lv") else ""
        lines.append(f"  [{labels.get(f['state'], f['state'])}] {f.get('name') or (f['sha256'] or '')[:12]}{where}{why}")
    if len(summary.files) > 50:
        lines.append(f"  … un vēl {len(summary.files) - 50} (skatīt --json)")
    return "\n".join(lines)


if __name__ == "__main__":
    from asistents.cli import main

    sys.exit(main(["inbox", *sys.argv[1:]]))
