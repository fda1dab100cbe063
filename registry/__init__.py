"""The case register: applications, decisions, contracts, timesheets, documents and the inbox journal.

SQLite by default (a file, WAL, foreign keys on, busy timeout), PostgreSQL by URL (`postgresql+psycopg://…`);
the schema is migrated with Alembic (`registry/migrations`, run by `open()`).

- `registry.open(url=None) -> Registry` — `url` defaults to $ASISTENTS_DB_URL, else `sqlite:///./asistents.db`.
- Each `Registry` method runs in its own transaction; `with reg.transaction() as tx:` makes several atomic
  (`tx` has the same methods); `reg.reading()` is a read-only one that never blocks the inbox on SQLite.
- Store: `add_application(app, source_sha256, case_number=None) -> case id` (same source → same id),
  `add_assessment`, `add_decision`, `add_contract` / `replace_contract` / `add_suspension`,
  `add_timesheet(ts, source_sha256) -> (id, flags)` (a different file for the same person, assistant and month
  is kept as `conflict`, not merged; `resolve_timesheet` decides; `store_timesheet` also tells the state it
  got), `add_document(...)` (the auditor's trail),
  `set_administration(year, month, eur)` (22.4).
- Ask: `contract_in_force`, `contracts_in_force`, `contract_for_timesheet`, `timesheet_context` (what
  `regulation.timesheet.check_timesheet` needs), `assistant_hours_by_week`, `other_timesheets`,
  `used_hours_by_month` / `previous_months_used` (11.¹), `assistant_changes_in_year` (16), `case`, `case_ids`,
  `case_by_source`, `history`.
- Inbox journal: `journal_claim(sha256, name, size, state="received", raw_name=None)` (atomic insert-or-get),
  `journal_set` (`fault=True` counts a fault), `journal_solo`, `journal_get`,
  `journal_pending`, `journal_counts`.
- `registry.annex2.compute(reg, year, month, municipality)` — the Annex 2 report (point 24).

Modules by what they store, each with its own statements: `people` (people, assistants, providers), `cases`
(applications, assessments, decisions), `documents`, `contracts`, `timesheets`, `journal`, `administration`,
`lifecycle` (a case's state and steps — refused as `regulation.lifecycle` refuses them — adoption, notification,
terminations, changes of assistant), `review` (files in review and their corrections) and `audit` (the
append-only log); `base` holds what they share and `store` combines them into `Transaction` and `Registry`.

Assistants are identified by personal code when known, else by normalised name (`registry.identity`).
The SQLite files (database, -wal, -shm) are 0600, or 0640 with the `files.group` of asistents.yaml
(`privacy`, `registry.private`). `registry.backup`: `backup(url, target)` / `restore(source, url)`.
Personal codes are stored but never logged: SQL parameters are hidden and constraint errors name the
constraint, not the value.
"""
from registry.identity import assistant_key
from registry.store import (
    AssistantChange,
    Case,
    DocumentInfo,
    JournalEntry,
    Registry,
    RegistryError,
    StoredTimesheet,
    Transaction,
)
from registry import store as _store


def open(url: str | None = None, migrate: bool = True, echo: bool = False) -> Registry:  # noqa: A001
    """`registry.store.open`, with the SQLite files private (`registry.private`) before the first connect."""
    import os

    import privacy
    from registry.private import make_folder, protect

    modes = privacy.load()
    make_folder(url or os.environ.get("ASISTENTS_DB_URL") or _store.DEFAULT_URL, modes)
    reg = _store.open(url, migrate=False, echo=echo)
    protect(reg.engine, modes)
    if migrate:
        reg.migrate()
    return reg


__all__ = ["AssistantChange", "Case", "DocumentInfo", "JournalEntry", "Registry", "RegistryError",
           "StoredTimesheet", "Transaction", "assistant_key", "open"]
