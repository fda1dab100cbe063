"""A fourth measuring route: copier scans made another way. The forms are filled and drawn as in the
"tuning"/"reporting" families (`values`, `draw`: FreeType, five fonts, 8–10 pt, three placements), but the
copier is ImageMagick (`convert`), not `scanner.py`: its own resampling, rotation, blur, noise, level and
JPEG encoder, under the issue's conditions — ordinary: 300 dpi, 0.3–1.5° skew, ±1.5 % scale, a few mm shift,
blur, speckle, uneven light, JPEG quality 60–80; hard (n % 3 == 2): 200 dpi, 2–3° skew. The family's seeds
("independent:magick:n") are its own. Forms 100000 and up may be looked at while tuning; forms below
100000 are only scored by `bench/bench_parser.py --magick N` (never listed form by form).
"""
from __future__ import annotations

import os
import random
import shutil
import subprocess
import tempfile
from pathlib import Path

import cv2
import img2pdf
import numpy as np

from bench.independent import Form, describe, draw, values


def available() -> bool:
    return shutil.which("convert") is not None


def make(n: int) -> Form:
    """Form n of the "magick" family."""
    kind, hard = describe("magick", n)
    rng = random.Random(f"independent:magick:{n}")
    written, expected = (values.application if kind == "application" else values.timesheet)(rng)
    style = draw.pick_style(rng)
    pages = draw.printed_pages(kind, written, style, rng)
    dpi = 200 if hard else 300
    with tempfile.TemporaryDirectory(prefix="asistents-magick-") as tmp:
        scans = [_scan(page, dpi, hard, rng, Path(tmp, f"{i}")) for i, page in enumerate(pages)]
        pdf = img2pdf.convert([str(s) for s in scans], layout_fun=img2pdf.get_fixed_dpi_layout_fun((dpi, dpi)))
    return Form("magick", n, kind, hard, written, expected, style, None, pdf)


def _sensor(printed: np.ndarray, k: int) -> np.ndarray:
    """The printed page as the scanner's sensor takes it at 1/k of the print's resolution: each cell the mean
    of the light on it. Done here because Debian's ImageMagick policy caps its memory at 256 MiB, and a
    600-dpi page (35 Mpx at 16 bits) spills to a disk cache that takes a minute a page."""
    h, w = (printed.shape[0] // k) * k, (printed.shape[1] // k) * k
    cells = printed[:h, :w].reshape(h // k, k, w // k, k).astype(np.float32)
    return np.round(cells.mean(axis=(1, 3))).astype(np.uint8)


def _scan(printed: np.ndarray, dpi: int, hard: bool, rng: random.Random, stem: Path) -> Path:
    """One printed page (grey, draw.PRINT_DPI) through ImageMagick as a copier: the scan's file."""
    source = stem.with_suffix(".png")
    cv2.imwrite(str(source), _sensor(printed, draw.PRINT_DPI // dpi))
    return copier(source, dpi, hard, rng)


def copier(source: Path, dpi: int, hard: bool, rng: random.Random) -> Path:
    """A page image already at the scan's resolution (`source`, grey) through ImageMagick as a copier, under
    the issue's conditions: the scan's file beside it (JPEG, or PNG a fifth of the time)."""
    stem = source.with_name(source.stem + "-scan")
    angle = rng.uniform(2.0, 3.0) if hard else rng.uniform(0.3, 1.5)
    angle *= rng.choice((-1, 1))
    scale = 100.0 * rng.uniform(0.985, 1.015)
    mm = dpi / 25.4
    dx, dy = (round(rng.uniform(-4, 4) * mm) for _ in range(2))
    quality = rng.randint(60, 80) if rng.random() < 0.8 else None
    out = stem.with_suffix(".jpg" if quality else ".png")
    light = rng.randint(78, 95)  # the darker corner's share of white: a lid not quite shut, an uneven lamp
    corner = rng.choice(("0,0", "%w,0", "0,%h", "%w,%h"))
    cmd = ["convert", str(source), "-colorspace", "Gray", "-seed", str(rng.randrange(2**31)),
           "-resize", f"{scale:.3f}%", "-background", "white", "-rotate", f"{angle:.3f}",
           "-blur", f"0x{rng.uniform(0.3, 0.9):.2f}",
           "(", "+clone", "-sparse-color", "Barycentric", f"{corner} gray({light}%) "
           f"{'%w,%h' if corner == '0,0' else '0,0'} white", ")", "-compose", "multiply", "-composite",
           "-attenuate", f"{rng.uniform(0.01, 0.04):.3f}", "+noise", "Impulse",
           "-attenuate", f"{rng.uniform(0.2, 0.5):.3f}", "+noise", "Gaussian",
           "-level", f"{rng.randint(0, 10)}%,{rng.randint(90, 100)}%",
           "-roll", f"{dx:+d}{dy:+d}", "-type", "Grayscale", "-density", str(dpi), "-units", "PixelsPerInch"]
    cmd += ["-quality", str(quality)] if quality else []
    subprocess.run(cmd + [str(out)], check=True, capture_output=True, timeout=300,
                   env={**os.environ, "MAGICK_THREAD_LIMIT": "1"})
    return out
