"""One PDF of every document kind, from its example DATA (templates/lv/examples/), for a reader to open.

    .venv/bin/python samples/make_letters.py [--out samples/letters]

Each example is rendered with the fictitious example municipality and printed by LibreOffice (generator.pdf);
`samples/letters/<example>.pdf`. The examples are fictitious people; rebuild after changing a template
(templates/build.py) or a kind's wording (generator/documents/).
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script from the checkout
    sys.path.insert(0, str(ROOT))

from generator.config import EXAMPLE  # noqa: E402
from generator.documents import EXAMPLES_DIR, prepare  # noqa: E402
from generator.pdf import convert  # noqa: E402
from generator.render import render_docx  # noqa: E402


def make(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="letters-") as tmp:
        docs = []
        for path in sorted(EXAMPLES_DIR.glob("*.json")):
            template, ctx = prepare(path.stem.split("--")[0], json.loads(path.read_text(encoding="utf-8")), EXAMPLE)
            doc = Path(tmp) / f"{path.stem}.docx"
            doc.write_bytes(render_docx(template, ctx))
            docs.append(doc)
        written = []
        for r in convert(docs, out):
            if not r.ok:
                raise SystemExit(f"{r.source.name}: {r.error}")
            written.append(r.pdf)
    return written


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "samples" / "letters")
    args = ap.parse_args(argv)
    for p in make(args.out):
        print(p.relative_to(ROOT) if p.is_relative_to(ROOT) else p)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
