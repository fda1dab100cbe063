"""An independent measuring set for the scan path: the two forms filled and flattened by another route than
`samples/generate.py` (values in `values`, drawing in `draw`), printed and scanned by `scanner`.

Two seed families, both deterministic:
- "tuning": may be looked at while changing the parser;
- "reporting": only ever scored by `bench/bench_parser.py` (never opened while tuning).
Form n of a family is hard (200 dpi, 2–3° skew) when n % 3 == 2, ordinary (300 dpi) otherwise; the kind
alternates (even n an application, odd n a timesheet).

    .venv/bin/python -m bench.independent --family tuning --count 6 --out /tmp/tune   # writes PDFs + JSON
"""
from __future__ import annotations

import random
from dataclasses import dataclass

import numpy as np

from bench.independent import draw, scanner, values

FAMILIES = ("tuning", "reporting")


@dataclass(frozen=True)
class Form:
    family: str
    n: int
    kind: str
    hard: bool
    written: dict[str, str]  # field → text drawn
    expected: dict[str, object]  # field → canonical value a right reading yields (absent: empty)
    style: draw.Style | None  # None: drawn by poppler (bench.independent.viewer)
    conditions: scanner.Conditions
    pdf: bytes


def describe(family: str, n: int) -> tuple[str, bool]:
    return ("application" if n % 2 == 0 else "timesheet"), n % 3 == 2


def make(family: str, n: int) -> Form:
    if family not in FAMILIES:
        raise ValueError(f"family must be one of {FAMILIES}")
    kind, hard = describe(family, n)
    rng = random.Random(f"independent:{family}:{n}")
    written, expected = (values.application if kind == "application" else values.timesheet)(rng)
    style = draw.pick_style(rng)
    conditions = scanner.pick(rng, hard)
    pdf = render(kind, written, style, conditions, rng)
    return Form(family, n, kind, hard, written, expected, style, conditions, pdf)


def render(kind: str, written: dict[str, str], style: draw.Style, conditions: scanner.Conditions,
           rng: random.Random) -> bytes:
    """The scanned PDF of form `kind` with `written` drawn in `style` and scanned under `conditions`."""
    pages = draw.printed_pages(kind, written, style, rng)
    noise = np.random.default_rng(rng.randrange(2**32))
    return scanner.to_pdf([scanner.scan_page(p, conditions, noise) for p in pages], conditions)
