"""Generated documents and what produced them (the auditor's trail)."""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass

from sqlalchemy import select

from registry import models as m
from registry.base import Store, _aware, _now


@dataclass(frozen=True)
class DocumentInfo:
    """A generated document and what produced it (the auditor's trail)."""

    id: int
    case_id: int | None
    kind: str
    path: str
    template_sha256: str
    input_sha256: str
    rules_version: str
    created_at: dt.datetime



def _document_info(row: m.DocumentRow) -> DocumentInfo:
    return DocumentInfo(row.id, row.application_id, row.kind, row.path, row.template_sha256, row.input_sha256,
                        row.rules_version, _aware(row.created_at))



class Documents(Store):
    """The documents of cases."""

    def add_document(self, case_id: int | None, kind: str, path: str | os.PathLike[str], template_sha256: str,
                     input_sha256: str, rules_version: str) -> int:
        """Record a generated document and what produced it."""
        if case_id is not None:
            self._application_row(case_id)
        row = m.DocumentRow(application_id=case_id, kind=kind, path=str(path), template_sha256=template_sha256,
                            input_sha256=input_sha256, rules_version=rules_version, created_at=_now())
        self.session.add(row)
        self.session.flush()
        return row.id

    def documents(self, case_id: int | None = None, input_sha256: str | None = None) -> list[DocumentInfo]:
        q = select(m.DocumentRow).order_by(m.DocumentRow.id)
        if case_id is not None:
            q = q.where(m.DocumentRow.application_id == case_id)
        if input_sha256 is not None:
            q = q.where(m.DocumentRow.input_sha256 == input_sha256)
        return [_document_info(r) for r in self.session.scalars(q)]

