"""The verification station's queue and its group verification: every file in review with the number of
issues still open, and the open fields grouped by kind across the queue (all "hours" fields on one screen).

The queue is read from each file's stored issues alone; only a file a person has already corrected is
rebuilt (`casework.review`), so listing a thousand uncertain fields does not decode every field ever read."""
from __future__ import annotations

import re
from collections import Counter
from typing import Any

from parser.result import Issue

from casework.errors import reading
from casework.records import FieldGroup, QueuedFile, ReviewField, ReviewItem, ReviewQueue
from casework.review import _fields_of, _item, _open_issues

_INDEX = re.compile(r"\.\d+(?=\.|$)")
_POINT = re.compile(r"\s*\(1\. pielikuma \d+\. punkts\)$")


def field_kind(name: str) -> str:
    """One kind of field across rows and files.

    >>> field_kind("activities.3.hours_per_week"), field_kind("applicant.surname")
    ('activities.*.hours_per_week', 'applicant.surname')
    """
    return _INDEX.sub(".*", name)


def is_open(f: ReviewField) -> bool:
    """A field a person still has to look at: it has an open issue and nobody corrected or confirmed it."""
    return bool(f.issues) and not f.confirmed and f.corrected is None


def _queued(tx: Any, state: str | None) -> list[QueuedFile]:
    from regulation import lifecycle as rules

    rows = tx.review_summaries(state)
    touched = [r.sha256 for r in rows if r.corrected]
    files, corrections = tx.review_files_of(touched), tx.corrections_of(touched)
    names = tx.journal_names([r.sha256 for r in rows])
    out = []
    for r in rows:
        name = names.get(r.sha256) or r.sha256[:12]
        if r.corrected:
            item = _item(files[r.sha256], corrections.get(r.sha256, []), name)
            count, fields = item.open_fields, tuple(f.name for f in item.fields if is_open(f))
        else:
            issues = _open_issues([Issue.model_validate(i) for i in r.issues if i.get("field")], set())
            count, fields = len(issues), tuple(dict.fromkeys(i.field for i in issues))
        decide_by = rules.decide_by(r.received_on) if r.kind == "application" else None
        out.append(QueuedFile(r.sha256, name, r.kind, r.received_on, decide_by, count, fields))
    return out


def _groups(files: list[QueuedFile]) -> list[FieldGroup]:
    counts: Counter = Counter()
    labels: dict[str, str] = {}
    for q in files:
        spec = _fields_of(q.kind)
        for name in q.fields:
            key = f"{q.kind}:{field_kind(name)}"
            counts[key] += 1
            label = spec[name].label_lv if name in spec else name
            labels.setdefault(key, _POINT.sub("", label))  # the group spans the rows of every point
    return sorted((FieldGroup(key, labels[key], n) for key, n in counts.items()), key=lambda g: (-g.count, g.label_lv))


def review_queue(reg: Any, state: str | None = "open") -> ReviewQueue:
    """The files in review (default the open ones), oldest first, and their open fields grouped by kind."""
    with reading(reg) as tx:
        files = _queued(tx, state)
    return ReviewQueue(files, _groups(files))


def review_group(reg: Any, key: str, page: int = 1, size: int = 60) -> tuple[list[tuple[ReviewItem, ReviewField]], int]:
    """Group verification: the open fields of one kind (`key` as in `FieldGroup`) across the queue, oldest
    file first, `size` fields a page; and the number of pages. Only the files on the page are read whole."""
    kind, _, pattern = key.partition(":")
    with reading(reg) as tx:
        queued = [(q, sum(1 for n in q.fields if field_kind(n) == pattern)) for q in _queued(tx, "open")
                  if q.kind == kind]
        queued = [(q, n) for q, n in queued if n]
        pages = max(1, -(-sum(n for _, n in queued) // size))
        page = min(max(1, page), pages)
        first, last, seen, before, wanted = (page - 1) * size, page * size, 0, 0, []
        for q, n in queued:
            if seen + n > first and seen < last:
                wanted.append(q.sha256)
            elif not wanted:
                before += n  # fields of the files wholly on earlier pages
            seen += n
        files, corrections = tx.review_files_of(wanted), tx.corrections_of(wanted)
        names = {q.sha256: q.name for q, _ in queued}
    rows = [(item, f) for sha in wanted
            for item in [_item(files[sha], corrections.get(sha, []), names[sha])]
            for f in item.fields if is_open(f) and field_kind(f.name) == pattern]
    return rows[first - before:first - before + size], pages
