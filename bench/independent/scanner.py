"""An office copier's scan of a printed page: resolution, skew, scale, shift, blur, speckle, uneven light
and JPEG, as the issue lists them; the result is an image-only PDF (img2pdf) like a copier's.

ordinary: 300 dpi, 0.3–1.5° skew either way, ±1.5 % scale, up to 4 mm shift, JPEG quality 60–80 (or PNG);
hard:     200 dpi, 2–3° skew either way, otherwise alike.
"""
from __future__ import annotations

import random
from dataclasses import asdict, dataclass

import cv2
import img2pdf
import numpy as np

from bench.independent.draw import PRINT_DPI


@dataclass(frozen=True)
class Conditions:
    dpi: int
    skew_deg: float
    scale: float
    shift_mm: tuple[float, float]
    blur_sigma: float
    speckles: int  # dark specks per page
    light: float  # how much darker one corner is than the opposite one (0–0.25)
    jpeg_quality: int | None  # None: lossless

    def as_dict(self) -> dict:
        return asdict(self)


def pick(rng: random.Random, hard: bool) -> Conditions:
    skew = rng.uniform(2.0, 3.0) if hard else rng.uniform(0.3, 1.5)
    return Conditions(
        dpi=200 if hard else 300,
        skew_deg=round(skew * rng.choice([-1, 1]), 2),
        scale=round(rng.uniform(0.985, 1.015), 4),
        shift_mm=(round(rng.uniform(-4, 4), 1), round(rng.uniform(-4, 4), 1)),
        blur_sigma=round(rng.uniform(0.3, 0.9), 2),
        speckles=rng.randint(50, 400),
        light=round(rng.uniform(0.0, 0.22), 3),
        jpeg_quality=rng.randint(60, 80) if rng.random() < 0.8 else None,
    )


def scan_page(printed: np.ndarray, c: Conditions, rng: np.random.Generator) -> np.ndarray:
    """The printed page (grey at PRINT_DPI) as the copier sees it at c.dpi."""
    h, w = printed.shape
    f = c.dpi / PRINT_DPI
    out_w, out_h = round(w * f), round(h * f)
    small = cv2.resize(printed, (out_w, out_h), interpolation=cv2.INTER_AREA)
    mm = c.dpi / 25.4
    matrix = cv2.getRotationMatrix2D((out_w / 2, out_h / 2), c.skew_deg, c.scale)
    matrix[0, 2] += c.shift_mm[0] * mm
    matrix[1, 2] += c.shift_mm[1] * mm
    page = cv2.warpAffine(small, matrix, (out_w, out_h), flags=cv2.INTER_LINEAR, borderValue=255)
    page = cv2.GaussianBlur(page, (0, 0), c.blur_sigma).astype(np.float32)
    # paper is never pure white, toner never pure black; light falls off towards one corner
    yy, xx = np.mgrid[0:out_h, 0:out_w].astype(np.float32)
    corner = rng.integers(0, 4)
    gx = xx / out_w if corner % 2 == 0 else 1 - xx / out_w
    gy = yy / out_h if corner < 2 else 1 - yy / out_h
    shade = 1.0 - c.light * (gx + gy) / 2
    page = (page * (225 / 255) + 18) * shade
    page += rng.normal(0, 4.0, page.shape).astype(np.float32)
    for _ in range(c.speckles):
        y, x = int(rng.integers(0, out_h)), int(rng.integers(0, out_w))
        r = int(rng.integers(1, 3))
        cv2.circle(page, (x, y), r, float(rng.integers(30, 120)), -1)
    return np.clip(page, 0, 255).astype(np.uint8)


def to_pdf(pages: list[np.ndarray], c: Conditions) -> bytes:
    images = []
    for page in pages:
        if c.jpeg_quality is not None:
            ok, data = cv2.imencode(".jpg", page, [cv2.IMWRITE_JPEG_QUALITY, c.jpeg_quality])
        else:
            ok, data = cv2.imencode(".png", page)
        assert ok
        images.append(data.tobytes())
    layout = img2pdf.get_fixed_dpi_layout_fun((c.dpi, c.dpi))
    return img2pdf.convert(images, layout_fun=layout)
