"""A scanned page aligned to the blank form: the four solid registration squares in its corners found
(also where the copier cut one off), the page turned the way the blank form is, and warped onto its pixel
grid; the score says how alike the two are (another document scores low).
"""
from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from parser.image import binarize


def corner_squares(gray: np.ndarray) -> np.ndarray | None:
    """Centres of the four solid registration squares nearest the image corners, as [tl, tr, br, bl], or None.

    A candidate is a filled, square connected component between 0.6 % and 6 % of the shorter image side,
    filled and square measured on its rotated bounding rectangle (a page skewed 3° fills only 90 % of its
    upright box); each corner takes the candidate closest to it within a third of the page. A copier that
    cut one corner off a skewed page loses that square: it is then placed by the other three (the four
    form a parallelogram), but only where that place is off the image.
    """
    h, w = gray.shape
    ink = binarize(gray)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    side_min, side_max = 0.006 * min(h, w), 0.06 * min(h, w)
    candidates = []
    for i in range(1, count):
        x, y, bw, bh, area = stats[i]
        side = max(bw, bh)
        if not side_min <= side <= side_max or area < 0.6 * bw * bh:
            continue
        mask = (labels[y:y + bh, x:x + bw] == i).astype(np.uint8)
        rw, rh, area, centre = _filled(mask)
        if area < 0.8 * rw * rh:
            # Dust stuck to a square's side (80 % full, tuning form 4292): the opening takes it off.
            rw, rh, area, centre = _filled(cv2.morphologyEx(mask, cv2.MORPH_OPEN, np.ones((5, 5), np.uint8)))
            if area < 0.8 * rw * rh:
                continue
        centre += (x, y)
        if not 0.75 <= rw / rh <= 1.33:
            # A square the scanner cut at the image edge (a skewed page): its centre is half a side from
            # the edge that is still visible.
            # (a quarter of it is enough: a 200-dpi scan 2.9° skewed and 3.7 mm shifted kept 10 of 40 px)
            if bw < bh and (x == 0 or x + bw >= w) and bw >= 0.2 * bh:
                centre[0] = x + bh / 2 if x > 0 else x + bw - bh / 2
            elif bh < bw and (y == 0 or y + bh >= h) and bh >= 0.2 * bw:
                centre[1] = y + bw / 2 if y > 0 else y + bh - bw / 2
            else:
                continue
        candidates.append((centre, side))
    if len(candidates) < 3:
        return None
    corners = np.array([[0, 0], [w, 0], [w, h], [0, h]], dtype=float)
    chosen: list[tuple[np.ndarray, float] | None] = []
    for corner in corners:
        near = [c for c in candidates
                if abs(c[0][0] - corner[0]) <= w / 3 and abs(c[0][1] - corner[1]) <= h / 3]
        chosen.append(min(near, key=lambda c: np.hypot(*(c[0] - corner))) if near else None)
    sizes = sorted(c[1] for c in chosen if c is not None)
    if len(sizes) == 4 and sizes[0] * 1.6 < sizes[1]:
        # one corner's nearest candidate is far smaller than the other three (a tick box or a letter where
        # the copier cut the square off): that corner is missing, and placed by the other three below
        chosen = [None if c is not None and c[1] == sizes[0] else c for c in chosen]
    missing = [k for k, c in enumerate(chosen) if c is None]
    if len(missing) > 1:
        return None
    found = [c for c in chosen if c is not None]
    if len({id(c) for c in found}) < len(found):
        return None
    sizes = [c[1] for c in found]
    if max(sizes) > 1.6 * min(sizes):  # the four marks are printed alike; a blob of ink is not one of them
        return None
    points = [c[0] if c is not None else None for c in chosen]
    if missing:
        k = missing[0]
        guess = points[(k - 1) % 4] + points[(k + 1) % 4] - points[(k + 2) % 4]
        half = max(sizes) / 2
        if half < guess[0] < w - half and half < guess[1] < h - half:
            return None  # the square's place is on the image and nothing is there: not a cut corner
        points[k] = guess
    return np.array(points, dtype=np.float32)


def _filled(mask: np.ndarray) -> tuple[float, float, int, np.ndarray]:
    """Sides of the smallest rotated rectangle round `mask`'s ink (pixel edges), its ink area and centre."""
    ys, xs = np.nonzero(mask)
    if not len(xs):
        return 1.0, 1.0, 0, np.zeros(2)
    (_, _), (rw, rh), _ = cv2.minAreaRect(np.column_stack((xs, ys)).astype(np.float32))
    return rw + 1, rh + 1, len(xs), np.array([xs.mean(), ys.mean()])


@dataclass
class Alignment:
    image: np.ndarray  # the scan warped onto the blank form's pixel grid
    rotation: int  # 0, 90, 180 or 270: how the scan was turned
    score: float  # correlation with the blank form (0–1); low means another document
    dpi: float = 300.0  # the resolution the page was scanned at (its marks' size before the warp)


def _small(img: np.ndarray, width: int = 200) -> np.ndarray:
    h, w = img.shape
    return cv2.resize(img, (width, max(1, round(h * width / w))), interpolation=cv2.INTER_AREA)


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Normalised correlation of two same-size grey images after blurring (tolerates small shifts)."""
    a = cv2.GaussianBlur(a.astype(np.float32), (5, 5), 0)
    b = cv2.GaussianBlur(b.astype(np.float32), (5, 5), 0)
    a, b = a - a.mean(), b - b.mean()
    den = float(np.sqrt((a * a).sum() * (b * b).sum()))
    return float((a * b).sum() / den) if den else 0.0


def align(scan: np.ndarray, blank: np.ndarray, blank_squares: np.ndarray) -> Alignment | None:
    """Warp `scan` onto the grid of `blank` (the rendered blank form page) using the four corner squares.

    The squares alone do not tell 0° from 180° (nor 90° from 270°), so each turn that fits the page's
    orientation is tried on small images and the one most like the blank form wins.
    """
    found = corner_squares(scan)
    if found is None:
        return None
    h, w = blank.shape
    sh, sw = scan.shape
    portrait_blank, portrait_scan = h >= w, sh >= sw
    turns = (0, 180) if portrait_blank == portrait_scan else (90, 270)
    small_blank = _small(blank)
    scale = small_blank.shape[1] / w
    best: tuple[float, int, np.ndarray] | None = None
    for turn in turns:
        shift = turn // 90
        # Corner i of the blank is found at corner (i + shift) of the scan when the scan is turned by `turn`.
        src = np.roll(found, -shift, axis=0)
        matrix = cv2.getPerspectiveTransform(src, blank_squares)
        small_matrix = np.diag([scale, scale, 1.0]) @ matrix
        warped = cv2.warpPerspective(scan, small_matrix, small_blank.shape[::-1], borderValue=255)
        score = similarity(warped, small_blank)
        if best is None or score > best[0]:
            best = (score, turn, matrix)
    assert best is not None
    score, turn, matrix = best
    image = cv2.warpPerspective(scan, matrix, (w, h), flags=cv2.INTER_LINEAR, borderValue=255)
    return Alignment(image, turn, score)
