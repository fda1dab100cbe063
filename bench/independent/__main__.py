"""Write forms of a family as NN.pdf + NN.json (written values, expected values, style, scan conditions)."""
from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path

from bench.independent import FAMILIES, make


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="independent scanned forms for measuring the parser")
    p.add_argument("--family", choices=FAMILIES, required=True)
    p.add_argument("--count", type=int, default=6)
    p.add_argument("--first", type=int, default=0)
    p.add_argument("--out", type=Path, required=True)
    args = p.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for n in range(args.first, args.first + args.count):
        form = make(args.family, n)
        (args.out / f"{n:03d}.pdf").write_bytes(form.pdf)
        meta = {"kind": form.kind, "hard": form.hard, "written": form.written, "expected": form.expected,
                "style": asdict(form.style), "conditions": form.conditions.as_dict()}
        (args.out / f"{n:03d}.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")
        print(args.out / f"{n:03d}.pdf", form.kind, "hard" if form.hard else "ordinary", form.style.font,
              form.style.size, form.style.placement)
    return 0


if __name__ == "__main__":
    sys.exit(main())
