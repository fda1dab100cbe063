"""Rendering benchmark: N decisions (the shipped decision template, example DATA varied per record).

Prints, measured in this run:
1. DOCX on one core: generator.render (compiled once) vs bare docxtpl (DocxTemplate per document, as its docs
   show), on the same contexts; every document's text (paragraphs, tables, headers, footers) compared.
2. PDF on both cores: generator.pdf.PdfConverter (2 workers, joined chunks split at bookmarks) vs one
   `soffice --convert-to pdf` process per document (measured on a small sample, warm profile, rate
   extrapolated); the sample's PDFs compared page by page (text) with the pool's PDFs of the same documents.

Run: .venv/bin/python bench/bench_render.py [--count 500] [--baseline 10] [--skip-pdf]
"""
from __future__ import annotations

import argparse
import copy
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from docxtpl import DocxTemplate  # noqa: E402
from jinja2 import Environment, StrictUndefined  # noqa: E402

from generator.config import EXAMPLE  # noqa: E402
from generator.documents import EXAMPLES_DIR, KINDS  # noqa: E402
from generator.pdf import PdfConverter, check_pdf, pdf_fonts, soffice_binary  # noqa: E402
from generator.render import compile_template, docx_text  # noqa: E402

GIVEN = ["Jānis", "Līga", "Ērika", "Ģirts", "Ķirsons", "Aļona", "Ņikita", "Šarlote", "Žanis", "Ūna"]
SURNAMES = ["Bērziņš", "Kalniņa", "Ozoliņš", "Liepiņa", "Krūmiņš", "Vītola", "Zariņš", "Ābele", "Čakste", "Šmits"]


def records(count: int) -> list[dict]:
    bases = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(EXAMPLES_DIR.glob("decision*.json"))
             if p.stem.split("--")[0] == "decision"]
    out = []
    for i in range(count):
        raw = copy.deepcopy(bases[i % len(bases)])
        raw["case_number"] = f"AS-2026/{i:04d}"
        raw.pop("number", None)
        app = raw["application"]["applicant"]
        app["given_name"], app["surname"] = GIVEN[i % 10], SURNAMES[(i // 10) % 10]
        app["address"] = f"{['Rīgas', 'Brīvības', 'Dzirnavu'][i % 3]} iela {i + 1} & Co <dz. {i % 40}>"
        out.append(raw)
    return out


def bare_docxtpl(template: Path, ctx: dict) -> bytes:
    tpl = DocxTemplate(template)
    tpl.render(ctx, jinja_env=Environment(autoescape=True, undefined=StrictUndefined), autoescape=True)
    buf = io.BytesIO()
    tpl.save(buf)
    return buf.getvalue()


def page_texts(path: Path) -> list[str]:
    import pypdf

    return [" ".join(p.extract_text().split()) for p in pypdf.PdfReader(path).pages]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--count", type=int, default=500)
    ap.add_argument("--baseline", type=int, default=10, help="documents for the one-process-per-document PDF baseline")
    ap.add_argument("--skip-pdf", action="store_true")
    args = ap.parse_args()

    kind = KINDS["decision"]
    # a private copy: both engines read the very same bytes even if templates/ is rebuilt meanwhile
    template = Path(tempfile.mkdtemp(prefix="bench-tpl-")) / "decision.docx"
    shutil.copyfile(kind.template_for(EXAMPLE), template)
    t0 = time.perf_counter()
    contexts = [kind.context(kind.load(r), EXAMPLE) for r in records(args.count)]
    t_ctx = time.perf_counter() - t0
    print(f"{args.count} decisions, template {template.name}; validating DATA + Latvian context: "
          f"{args.count / t_ctx:.0f}/s (not part of either figure below)")

    # ------------------------------------------------------------------ DOCX, one core
    t0 = time.perf_counter()
    compiled = compile_template(template)
    t_compile = time.perf_counter() - t0
    t0 = time.perf_counter()
    fast = [compiled.render(c) for c in contexts]
    t_fast = time.perf_counter() - t0
    t0 = time.perf_counter()
    bare = [bare_docxtpl(template, c) for c in contexts]
    t_bare = time.perf_counter() - t0
    equal = sum(docx_text(a) == docx_text(b) for a, b in zip(fast, bare))
    r_fast, r_bare = args.count / t_fast, args.count / t_bare
    print(f"DOCX  generator.render: {r_fast:8.0f} docs/s   (compile once: {t_compile * 1000:.0f} ms)")
    print(f"DOCX  bare docxtpl:     {r_bare:8.1f} docs/s")
    print(f"DOCX  ratio: {r_fast / r_bare:.1f}x (target >= 10x); text equal to docxtpl: {equal}/{args.count}")
    if args.skip_pdf:
        return 0 if equal == args.count else 1

    # ------------------------------------------------------------------ PDF, both cores
    work = Path(tempfile.mkdtemp(prefix="bench-render-"))
    try:
        src = work / "docx"
        src.mkdir()
        paths = []
        for i, data in enumerate(fast):
            p = src / f"d{i:04d}.docx"
            p.write_bytes(data)
            paths.append(p)
        t0 = time.perf_counter()
        with PdfConverter(workers=2) as pc:
            results = pc.convert(paths, work / "pool")
        t_pool = time.perf_counter() - t0
        ok = sum(r.ok for r in results)
        methods = {m: sum(r.method == m for r in results) for m in {r.method for r in results}}
        r_pool = args.count / t_pool

        profile = work / "baseline-profile"
        base_dir = work / "baseline"
        n = min(args.baseline, args.count)
        # warm the baseline's profile first, so it is charged per-document costs only
        subprocess.run([soffice_binary(), "--headless", f"-env:UserInstallation={profile.as_uri()}", "--convert-to", "pdf",
                        "--outdir", str(work / "warm"), str(paths[0])], capture_output=True, timeout=120)
        t0 = time.perf_counter()
        for p in paths[:n]:  # the baseline's rate
            subprocess.run([soffice_binary(), "--headless", f"-env:UserInstallation={profile.as_uri()}", "--convert-to",
                            "pdf", "--outdir", str(base_dir), str(p)], capture_output=True, timeout=120, check=True)
        t_base = time.perf_counter() - t0
        r_base = n / t_base
        same = 0
        # the sample is spread over the batch (and over positions inside the joined chunks)
        sample = sorted({(i * args.count) // n + (i * 7) % max(1, args.count // n) for i in range(n)})
        for p in (paths[i] for i in sample):
            subprocess.run([soffice_binary(), "--headless", f"-env:UserInstallation={profile.as_uri()}", "--convert-to",
                            "pdf", "--outdir", str(base_dir), str(p)], capture_output=True, timeout=120, check=True)
        for p, r in ((paths[i], results[i]) for i in sample):
            alone = base_dir / f"{p.stem}.pdf"
            check_pdf(alone)
            a, b = page_texts(alone), (page_texts(r.pdf) if r.ok else [])
            same += a == b
            if a != b:
                import difflib

                diff = [d for x, y in zip(a, b) for d in difflib.ndiff(x.split(), y.split()) if d[0] in "+-"]
                print(f"  {p.name}: pages {len(a)} alone vs {len(b)} in the pool; first differences {diff[:12]}")
        fonts = pdf_fonts(results[0].pdf)
        print(f"PDF   PdfConverter (2 workers): {r_pool:6.1f} docs/s, {ok}/{args.count} valid PDFs, methods {methods}")
        print(f"PDF   one soffice per document: {r_base:6.2f} docs/s (measured on {n}, warm profile)")
        print(f"PDF   ratio: {r_pool / r_base:.1f}x (target >= 20x); sample text equal to the document converted "
              f"alone: {same}/{len(sample)}; fonts embedded: {all(f['embedded'] for f in fonts)} "
              f"({', '.join(f['name'].split('+')[-1] for f in fonts)})")
        return 0 if equal == args.count and ok == args.count and same == len(sample) else 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    sys.exit(main())
