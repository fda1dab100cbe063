"""Build the Latvian DOCX templates (templates/lv/*.docx) and their sample DATA (templates/lv/examples/*.json).

    .venv/bin/python templates/build.py                       # the shipped templates, no logo
    .venv/bin/python templates/build.py --config asistents.yaml --out my-templates   # with the municipality's logo

Written with python-docx so every Jinja tag sits in one run (Word splits hand-typed tags across runs), the
layout is the same on every build, and an edited copy can still be opened in Word or LibreOffice. The
wording lives in templates/letters.py and templates/contract_report.py (fixed text; layout.py holds the skeleton
and the shared blocks, examples.py the sample DATA) and in generator/documents/ (the text chosen from the data);
the templates hold layout and text only. Paragraph-level control tags use docxtpl's `{%p … %}`, table rows
`{%tr … %}`.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if str(ROOT) not in sys.path:  # run as a script from a checkout
    sys.path.insert(0, str(ROOT))

from templates.contract_report import annex2, contract  # noqa: E402
from templates.examples import examples  # noqa: E402
from templates.letters import (  # noqa: E402
    decision, decision_suspension, decision_termination, notice_decision, notice_suspension, notice_termination,
    notice_timesheet,
)


BUILDERS = {
    "decision": decision, "notice_decision": notice_decision, "decision_suspension": decision_suspension,
    "notice_suspension": notice_suspension, "decision_termination": decision_termination,
    "notice_termination": notice_termination, "notice_timesheet": notice_timesheet, "contract": contract,
    "annex2": annex2,
}


def _fix_zip_dates(path: Path) -> None:
    """Rewrite the DOCX with fixed timestamps and fixed core dates so rebuilding gives the same bytes."""
    import io
    import re
    import zipfile

    raw = path.read_bytes()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in sorted(zin.infolist(), key=lambda i: (i.filename != "[Content_Types].xml", i.filename)):
            data = zin.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:(created|modified)[^>]*>)[^<]*", rb"\g<1>2026-01-01T00:00:00Z", data)
            zi = zipfile.ZipInfo(info.filename, date_time=(2026, 1, 1, 0, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            zout.writestr(zi, data)
    path.write_bytes(out.getvalue())


def build(out_dir: Path, logo: Path | None = None) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, fn in BUILDERS.items():
        doc = fn(logo)
        path = out_dir / f"{name}.docx"
        doc.save(path)
        _fix_zip_dates(path)
        written.append(path)
    return written


def write_examples(out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    data_of = examples()
    # a decision on a running contract and its notice take the same DATA
    data_of["decision_suspension"] = data_of["notice_suspension"]
    data_of["decision_termination"] = data_of["notice_termination"]
    for name, data in data_of.items():
        path = out_dir / f"{name}.json"
        path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Build the Latvian DOCX templates (and their sample DATA).")
    ap.add_argument("--out", type=Path, default=HERE / "lv", help="output folder (default templates/lv)")
    ap.add_argument("--config", type=Path, help="asistents.yaml whose logo goes into the letterhead")
    ap.add_argument("--no-examples", action="store_true", help="do not write examples/*.json")
    args = ap.parse_args(argv)
    logo = None
    if args.config:
        from generator.config import load_municipality

        logo = load_municipality(args.config).logo
    for p in build(args.out, logo):
        print(p)
    if not args.no_examples and args.out.resolve() == (HERE / "lv").resolve():
        for p in write_examples(args.out / "examples"):
            print(p)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
