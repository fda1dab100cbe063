"""The forms the parser knows (from `forms.definition`), and how a file is matched to one of them.

A form is recognised by its AcroForm field names, by the version mark printed on every page
("ASIST-IESN-2026.1 · 1/2"), or, for scans, by how well the page aligns with the blank form.
The blank forms are rendered once per process (they are fixed data, not state that changes).
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any, Iterable

import numpy as np

from parser import align
from parser.textlayer import VERSION_MARK, document, render_gray

KINDS = ("application", "timesheet")
SCAN_DPI = 300  # the grid scans are aligned to


@dataclass
class BlankPage:
    gray: np.ndarray  # rendered at SCAN_DPI
    squares: np.ndarray  # centres of the four corner registration squares [tl, tr, br, bl]
    mark_box: tuple[float, float, float, float] | None  # where the version mark is printed, in points


@dataclass
class Catalog:
    definitions: dict[str, Any]  # kind → forms.definition.FormDefinition
    _blanks: dict[str, list[BlankPage]] = field(default_factory=dict)

    def versions(self) -> list[str]:
        return [d.version for d in self.definitions.values()]

    def by_version(self, version: str) -> Any | None:
        return next((d for d in self.definitions.values() if d.version == version), None)

    def by_field_names(self, names: Iterable[str]) -> Any | None:
        """The form most of whose fields the file has (at least half of the file's fields are the form's)."""
        names = set(names)
        best, best_share = None, 0.5
        for definition in self.definitions.values():
            known = {f.name for f in definition.fields}
            share = len(names & known) / max(len(names), 1)
            if share >= best_share:
                best, best_share = definition, share
        return best

    def by_text(self, text: str) -> Any | None:
        """The form whose version mark appears in `text` (None for another version or no mark)."""
        for match in VERSION_MARK.finditer(text):
            found = self.by_version(match.group(0))
            if found is not None:
                return found
        return None

    def blank(self, kind: str) -> list[BlankPage]:
        if kind not in self._blanks:
            self._blanks[kind] = _render_blank(kind, self.definitions[kind])
        return self._blanks[kind]


def _render_blank(kind: str, definition: Any) -> list[BlankPage]:
    from forms.build import build_blank

    data = build_blank(kind)
    if not isinstance(data, (bytes, bytearray)):
        data = open(data, "rb").read()
    return blank_pages(bytes(data), kind)


def blank_pages(data: bytes, kind: str = "form") -> list[BlankPage]:
    """Each page of a blank form rendered at SCAN_DPI, with its registration squares and version mark box."""
    pages = []
    with document(data) as doc:
        for page in doc:
            gray = render_gray(page, SCAN_DPI)
            squares = align.corner_squares(gray)
            if squares is None:
                raise RuntimeError(f"the blank {kind} form has no four corner registration squares")
            tp = page.get_textpage()
            mark_box = None
            searcher = tp.search("ASIST-", match_case=True)
            hit = searcher.get_next()
            if hit is not None:
                index, count = hit
                text = tp.get_text_range(index, min(count + 30, tp.count_chars() - index))
                length = len(text.split("\n")[0].rstrip())
                boxes = [tp.get_charbox(i) for i in range(index, index + length)]
                mark_box = (min(b[0] for b in boxes), min(b[1] for b in boxes),
                            max(b[2] for b in boxes), max(b[3] for b in boxes))
            searcher.close()
            tp.close()
            pages.append(BlankPage(gray, squares, mark_box))
            page.close()
    return pages


@functools.lru_cache(maxsize=1)
def catalog() -> Catalog:
    from forms.definition import load

    return Catalog({kind: load(kind) for kind in KINDS})
