"""The case register: applications, decisions, contracts, timesheets, documents and the inbox journal.

SQLite by default (a file, WAL, foreign keys on), PostgreSQL by URL (`postgresql+psycopg://…`); the schema
is migrated with Alembic. `registry.open()` gives a `Registry`; `registry.annex2.compute()` the Annex 2 report.
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
    open,
)

__all__ = ["AssistantChange", "Case", "DocumentInfo", "JournalEntry", "Registry", "RegistryError",
           "StoredTimesheet", "Transaction", "assistant_key", "open"]
