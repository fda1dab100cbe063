"""`KINDS`: every document kind by name, as `asistents render KIND` and the case steps ask for them."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from generator.config import Municipality
from generator.documents import (
    annex2, contract, decision, decision_suspension, decision_termination, notice_decision, notice_suspension,
    notice_termination, notice_timesheet,
)
from generator.documents.common import DocumentKind
from regulation.records import RecordError

KINDS: dict[str, DocumentKind] = {m.KIND.name: m.KIND for m in (
    decision, notice_decision, decision_suspension, notice_suspension, decision_termination, notice_termination,
    notice_timesheet, contract, annex2)}


def kind(name: str) -> DocumentKind:
    """The kind called `name`, or RecordError listing the kinds there are."""
    try:
        return KINDS[name]
    except KeyError:
        from regulation.records import Problem

        known = ", ".join(KINDS)
        raise RecordError("kind", [Problem("kind", f"nezināms dokumenta veids '{name}' (ir: {known})",
                                           f"unknown document kind '{name}' (known: {known})")]) from None


def prepare(kind_name: str, raw: Any, municipality: Municipality) -> tuple[Path, dict[str, Any]]:
    """Validate `raw` DATA for `kind_name` (RecordError naming each bad field) → (template path, context)."""
    k = kind(kind_name)
    data = k.load(raw)
    return k.template_for(municipality), k.context(data, municipality)
