"""Parser accuracy and speed, with the bare libraries doing the same work in the same run.

    .venv/bin/python bench/bench_parser.py                    # samples/, a fresh seeded set, the independent set
    .venv/bin/python bench/bench_parser.py --seed 7 --scanned 6 --repeat 3
    .venv/bin/python bench/bench_parser.py --only fillable --no-fresh     # quick: fillable accuracy and speed
    .venv/bin/python bench/bench_parser.py --independent-only --tuning 12 --reporting 0 --details
    .venv/bin/python bench/bench_parser.py --independent-only --tuning 6 --reporting 48 \
        --save bench/results/parser-independent.json            # the figures the issue asks for
    .venv/bin/python bench/bench_parser.py --independent-only --tuning 6 --reporting 48 \
        --reporting-seed-base 0 --reporting-seed-base 1000      # and a fresh reporting family, forms 1000–1047
    .venv/bin/python bench/bench_parser.py --independent-only --tuning 0 --reporting 48 \
        --reporting-seed-base B                                   # one half of a fresh family (and B + 48)
    .venv/bin/python bench/bench_parser.py --independent-only --tuning 0 --reporting 0 --viewer 24 \
        --viewer-seed-base 96                                     # a third route: poppler flattens the forms
    .venv/bin/python bench/bench_parser.py --independent-only --tuning 0 --reporting 0 --magick 24 \
        --magick-seed-base 0                                      # a fourth: ImageMagick is the copier
    .venv/bin/python bench/bench_parser.py --independent-only --tuning 0 --reporting 0 --ghost 48 \
        --ghost-seed-base 0                                       # a fifth: reportlab, Ghostscript, ImageMagick

The bases each stop's figures of record used (other runs of the stop in brackets): stop 9 11000; 10 15000;
11 17000 (19000 after its last changes); 12 25000 (21000, 23000 before its last changes); 13 31000 (27000,
29000); 14 33000; 15 37000 (35000, parser 265a08c); 16 43000 (39000, e617530; 41000, acdf669); 17 47000
(45000, 9d7cf7f; 49000 on the same parser); 18 51000; 19 55000 (53000, 8a6e6e8); 20 59000 (57000,
6b1b363); 21 61000 and ghost 768 (63000 and ghost 816 on the same parser, e9a80e9).

Tuning forms looked at so far: 0–7623 and 9000–9095 of the tuning family, magick forms 100000–100119,
viewer forms 100000–100071, ghost forms 100000–101841.
Reporting families scored so far (never listed form by form): 0–47, 1000–1047, 5000–5095, 7000–7095,
9000–9095, 11000–11095, 13000–13095, 15000–15095, 17000–17095, 19000–19095, 21000–21095, 23000–23095,
25000–25095, 27000–27095, 29000–29095, 31000–31095, 33000–33095, 35000–35095,
37000–37095, 39000–39095, 41000–41095, 43000–43095, 45000–45095,
47000–47095, 49000–49095, 51000–51095, 53000–53095, 55000–55095,
57000–57095, 59000–59095, 61000–61095, 63000–63095; viewer forms 0–383;
magick forms 0–191; ghost forms 0–863. A new measure takes a base no run has used.

The independent set (bench/independent/) is filled, flattened and scanned by another route than
samples/generate.py; its "tuning" family may be looked at, its "reporting" family is only scored here. Each
family is reported separately for ordinary (300 dpi) and hard (200 dpi, 2–3° skew) scans: fields right,
forms with a record, forms needing review, right fields flagged, silent errors, e-mail read rate, wrong
fields among those read at confidence >= 0.9, and seconds per page against bare `tesseract PAGE stdout -l
lav` on the same page images in the same run (OMP_THREAD_LIMIT=1 for both).

Accuracy is per field and per shape: right, wrong but flagged (an uncertain/unreadable issue or confidence
below the review threshold), and silent errors (wrong and not flagged: the number that must be zero).
Speed, as ratios measured here and now:
  fillable   forms/s of parse_file(sandbox=False), and through one reused `Sandbox` (the child process),
             each against bare pypdf `PdfReader(...).get_fields()` on the same files; the three are timed
             in turns, pass by pass, so a machine shared with others slows them alike
  flattened  pages/s against bare pdfplumber `extract_text()` + `extract_words()` on every page
  scanned    seconds/page against bare `tesseract PAGE.png stdout -l lav` on the whole page image
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("OMP_THREAD_LIMIT", "1")

from parser import Sandbox, parse_file  # noqa: E402
from parser.assemble import UNCERTAIN_BELOW  # noqa: E402
from parser.normalize import normalize  # noqa: E402

KIND_DIRS = {"applications": "application", "timesheets": "timesheet"}
SHAPES = ("fillable", "flattened", "scanned")


def samples(root: Path, shape: str, limit: int | None = None) -> list[tuple[str, Path, Path]]:
    out = []
    for folder, kind in KIND_DIRS.items():
        files = sorted((root / folder / shape).glob("*.pdf"))
        out += [(kind, p, p.with_suffix(".expected.json")) for p in files]
    out.sort(key=lambda t: t[1].name)
    return out[:limit] if limit is not None else out


def expected_fields(kind: str, expected_path: Path) -> dict[str, object]:
    from forms.definition import from_record, load as load_definition

    from regulation.records import RECORD_KINDS, load

    record = load(RECORD_KINDS[kind], json.loads(expected_path.read_text(encoding="utf-8")))
    flat = from_record(kind, record)
    types = {f.name: f.type for f in load_definition(kind).fields}
    out = {}
    for name, ftype in types.items():
        value = flat.get(name)
        if ftype == "checkbox":
            out[name] = bool(value)
        else:
            out[name] = normalize(ftype, str(value)) if value not in (None, "") else None
    return out


def score(files: list[tuple[str, Path, Path]]) -> dict[str, int]:
    tally = {"files": 0, "fields": 0, "filled": 0, "right": 0, "wrong_flagged": 0, "silent": 0,
             "records_equal": 0, "review": 0}
    for kind, pdf, expected_path in files:
        result = parse_file(pdf, sandbox=False)
        want = expected_fields(kind, expected_path)
        flagged = {i.field for i in result.issues if i.code in ("uncertain", "unreadable", "invalid", "inconsistent")}
        tally["files"] += 1
        tally["review"] += result.needs_review
        if result.kind != kind:  # set aside as not this form: a person reads all of it
            tally["unrecognised"] = tally.get("unrecognised", 0) + 1
            flagged = set(want)
        if result.record is not None:
            from regulation.records import to_jsonable

            tally["records_equal"] += to_jsonable(result.record) == json.loads(expected_path.read_text(encoding="utf-8"))
        for name, value in want.items():
            got = result.fields.get(name)
            got_value = got.value if got else None
            if got_value is False and value is False or got_value is None and value is None:
                got_value = value
            if name.endswith("transport_eur") and {got_value, value} <= {None, "0.00"}:
                got_value = value  # an empty transport cell is 0 in the record (to_record)
            tally["fields"] += 1
            tally["filled"] += value not in (None, False)
            if got_value == value:
                tally["right"] += 1
            elif name in flagged or (got is not None and got.confidence < UNCERTAIN_BELOW):
                tally["wrong_flagged"] += 1
            else:
                tally["silent"] += 1
                print(f"  silent: {pdf.name} {name}: read {got_value!r}, expected {value!r}", file=sys.stderr)
    return tally


def _rate(count: int, seconds: float) -> float:
    return count / seconds if seconds else float("inf")


def speed_fillable(files: list[Path], repeat: int) -> dict[str, float]:
    from pypdf import PdfReader

    PdfReader(files[0]).get_fields()  # warm-up: imports and first-call costs out of both timings
    parse_file(files[0], sandbox=False)
    spent = {"bare": 0.0, "ours": 0.0, "boxed": 0.0}
    with Sandbox() as box:
        box.parse(files[0])  # the child's start-up is paid once per batch
        for _ in range(repeat):  # in turns: a load that comes and goes slows all three alike
            t = time.perf_counter()
            for p in files:
                PdfReader(p).get_fields()
            spent["bare"] += time.perf_counter() - t
            t = time.perf_counter()
            for p in files:
                parse_file(p, sandbox=False)
            spent["ours"] += time.perf_counter() - t
            t = time.perf_counter()
            for p in files:
                box.parse(p)
            spent["boxed"] += time.perf_counter() - t
    bare, ours, boxed = (_rate(len(files) * repeat, spent[k]) for k in ("bare", "ours", "boxed"))
    return {"bare_pypdf_forms_s": bare, "ours_forms_s": ours, "ratio": ours / bare, "sandboxed_forms_s": boxed,
            "sandboxed_ratio": boxed / bare}


def speed_flattened(files: list[Path], repeat: int) -> dict[str, float]:
    import pdfplumber
    import pypdfium2 as pdfium

    pages = 0
    for p in files:
        doc = pdfium.PdfDocument(str(p))
        pages += len(doc)
        doc.close()
    parse_file(files[0], sandbox=False)  # warm-up
    t = time.perf_counter()
    for _ in range(repeat):
        for p in files:
            with pdfplumber.open(p) as pdf:
                for page in pdf.pages:
                    page.extract_text()
                    page.extract_words()
    bare = _rate(pages * repeat, time.perf_counter() - t)
    t = time.perf_counter()
    for _ in range(repeat):
        for p in files:
            parse_file(p, sandbox=False)
    ours = _rate(pages * repeat, time.perf_counter() - t)
    return {"bare_pdfplumber_pages_s": bare, "ours_pages_s": ours, "ratio": ours / bare}


def speed_scanned(files: list[Path]) -> dict[str, float]:
    import cv2
    import pypdfium2 as pdfium

    from parser.scan import _scan_dpi
    from parser.textlayer import render_gray

    with tempfile.TemporaryDirectory() as tmp:
        images = []
        for p in files:
            doc = pdfium.PdfDocument(str(p))
            for i, page in enumerate(doc):
                name = os.path.join(tmp, f"{p.stem}-{i}.png")
                cv2.imwrite(name, render_gray(page, _scan_dpi(page)))
                images.append(name)
            doc.close()
        t = time.perf_counter()
        for name in images:
            subprocess.run(["tesseract", name, "stdout", "-l", "lav"], capture_output=True, check=True,
                           env={**os.environ, "OMP_THREAD_LIMIT": "1"})
        bare = (time.perf_counter() - t) / len(images)
    parse_file(files[0], sandbox=False)  # blank forms are rendered once per process: not per page
    t = time.perf_counter()
    for p in files:
        parse_file(p, sandbox=False)
    ours = (time.perf_counter() - t) / len(images)
    return {"bare_tesseract_s_page": bare, "ours_s_page": ours, "ratio": ours / bare}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--samples", type=Path, default=ROOT / "samples")
    ap.add_argument("--seed", type=int, default=20261123, help="seed of the fresh set (samples/generate.py)")
    ap.add_argument("--no-fresh", action="store_true", help="only the committed samples")
    ap.add_argument("--scanned", type=int, default=None, help="at most this many scanned files per set")
    ap.add_argument("--repeat", type=int, default=3, help="passes over the files in the speed runs")
    ap.add_argument("--count", type=int, default=4, help="forms per kind and shape in the fresh set")
    ap.add_argument("--only", choices=SHAPES, action="append", help="only this shape (repeatable)")
    ap.add_argument("--tuning", type=int, default=6, help="forms of the independent tuning family")
    ap.add_argument("--reporting", type=int, default=48, help="forms of the independent reporting family")
    ap.add_argument("--reporting-seed-base", type=int, action="append",
                    help="first form number of a reporting family (repeatable; default 0): a range never "
                         "scored before is a fresh family nobody has looked at (e.g. 1000)")
    ap.add_argument("--independent-only", action="store_true", help="only the independent set")
    ap.add_argument("--viewer", type=int, default=0,
                    help="forms filled by pypdf and flattened by poppler (pdftoppm), then scanned: a third route")
    ap.add_argument("--viewer-seed-base", type=int, default=0,
                    help="first form number of the viewer family (0–47 scored at stop 9; 48+ fresh then)")
    ap.add_argument("--magick", type=int, default=0,
                    help="forms drawn as the reporting family's but scanned by ImageMagick: copier scans made "
                         "another way (a fourth route)")
    ap.add_argument("--magick-seed-base", type=int, default=0, help="first form number of the magick family")
    ap.add_argument("--ghost", type=int, default=0,
                    help="forms typeset by reportlab, rasterised by Ghostscript, scanned by ImageMagick: none of "
                         "this project's drawing or scanning code (a fifth route)")
    ap.add_argument("--ghost-seed-base", type=int, default=0, help="first form number of the ghost family")
    ap.add_argument("--details", action="store_true", help="list every miss of the tuning family on stderr")
    ap.add_argument("--save", type=Path, help="write the independent set's figures here as JSON")
    args = ap.parse_args()
    shapes = tuple(args.only or SHAPES)
    if args.independent_only:
        return independent(args)

    sets = [("samples", args.samples)]
    tmp = None
    if not args.no_fresh:
        tmp = tempfile.TemporaryDirectory(prefix="bench-parser-")
        subprocess.run([sys.executable, str(ROOT / "samples" / "generate.py"), "--seed", str(args.seed), "--out",
                        tmp.name, "--count", str(args.count)], check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
        sets.append((f"fresh seed {args.seed}", Path(tmp.name)))

    report: dict[str, object] = {"accuracy": {}, "speed": {}}
    for label, root in sets:
        for shape in shapes:
            files = samples(root, shape, args.scanned if shape == "scanned" else None)
            if not files:
                continue
            tally = score(files)
            report["accuracy"][f"{label} / {shape}"] = tally
            filled = tally["fields"]
            print(f"{label:>22} {shape:>9}: {tally['files']} files, {filled} fields: right {tally['right']} "
                  f"({tally['right'] / filled:.2%}), wrong but flagged {tally['wrong_flagged']}, "
                  f"SILENT {tally['silent']}; records equal {tally['records_equal']}/{tally['files']}, "
                  f"review {tally['review']}")
    fillable = [p for _, p, _ in samples(args.samples, "fillable")] if "fillable" in shapes else []
    flattened = [p for _, p, _ in samples(args.samples, "flattened")] if "flattened" in shapes else []
    scanned = [p for _, p, _ in samples(args.samples, "scanned", args.scanned)] if "scanned" in shapes else []
    if fillable:
        report["speed"]["fillable"] = s = speed_fillable(fillable, args.repeat)
        print(f"fillable : in-process {s['ours_forms_s']:.1f} forms/s = {s['ratio']:.2f}x bare pypdf get_fields "
              f"({s['bare_pypdf_forms_s']:.1f}/s); through one sandbox child {s['sandboxed_forms_s']:.1f} forms/s "
              f"= {s['sandboxed_ratio']:.2f}x")
    if flattened:
        report["speed"]["flattened"] = s = speed_flattened(flattened, args.repeat)
        print(f"flattened: {s['ours_pages_s']:.1f} pages/s vs bare pdfplumber text+words "
              f"{s['bare_pdfplumber_pages_s']:.1f}/s = {s['ratio']:.2f}x")
    if scanned:
        report["speed"]["scanned"] = s = speed_scanned(scanned)
        print(f"scanned  : {s['ours_s_page']:.2f} s/page vs bare tesseract lav whole page "
              f"{s['bare_tesseract_s_page']:.2f} s/page = {s['ratio']:.2f}x")
    if tmp:
        tmp.cleanup()
    silent = sum(t["silent"] for t in report["accuracy"].values())
    print(f"silent errors in all sets: {silent}")
    return independent(args)  # the measure that counts: a set the parser was not tuned on


def independent(args: argparse.Namespace) -> int:
    from bench.independent.score import run

    report: dict[str, object] = {}
    runs = [("tuning", 0, args.tuning)] + [("reporting", b, args.reporting) for b in args.reporting_seed_base or [0]] \
        + [("viewer", args.viewer_seed_base, args.viewer), ("magick", args.magick_seed_base, args.magick),
                                                  ("ghost", args.ghost_seed_base, args.ghost)]
    for family, first, count in runs:
        if count <= 0:
            continue
        # The reporting, viewer, magick and ghost families' misses are never listed: not looked at while tuning.
        tallies = run(family, list(range(first, first + count)), details=args.details and family == "tuning")
        for scans, tally in tallies.items():
            if not tally.forms:
                continue
            f = tally.figures()
            label = family if not first else f"{family} {first}+"
            report[f"{label} / {scans}"] = f
            print(f"independent {label:>9} / {scans:<8}: {f['forms']} forms, {f['fields']} fields: right "
                  f"{f['fields_right_pct']:.2f} % (fields holding a value: {f['valued_fields_right_pct']:.2f} % "
                  f"of {f['valued_fields']}); record {f['forms_with_record_pct']:.1f} %; review "
                  f"{f['forms_needing_review_pct']:.1f} %; flagged although right {f['flagged_although_right_pct']:.2f} %; "
                  f"wrong but flagged {f['wrong_but_flagged']}; SILENT {f['silent_errors']}; e-mail "
                  f"{f['email_read_pct']:.1f} % of {f['emails']}; confidence >= 0.9: {f['confident_wrong']} wrong of "
                  f"{f['confident_fields']}; {f['s_per_page']:.2f} s/page vs bare tesseract lav "
                  f"{f['bare_tesseract_s_per_page']:.2f} s/page = {f['time_ratio']:.2f}x")
    if args.save:
        args.save.parent.mkdir(parents=True, exist_ok=True)
        args.save.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
