"""Image primitives for scanned forms (OpenCV): field crops without their borders, marks of ink, checkbox
darkness. The registration squares and the alignment to the blank form are in `parser.align`.

Coordinates: form boxes are PDF points (x0, y0, x1, y1) with the origin bottom-left; images are pixels with
the origin top-left. `dpi` converts between them.
"""
from __future__ import annotations

import cv2
import numpy as np

cv2.setNumThreads(1)  # the machine is shared; OpenCV's thread pool only adds overhead for these sizes

Box = tuple[float, float, float, float]


Part = tuple[int, int, int, int, int, int]  # one mark of ink: x, y, width, height, area, label


def ink_parts(pixels: np.ndarray) -> tuple[np.ndarray, list[Part]]:
    """The separate marks of ink in a zone (black on white, 8-connected): the label image, and each mark's
    box, area and label.

    >>> zone = np.full((20, 30), 255, np.uint8); zone[5:10, 2:6] = 0; zone[5:15, 20:22] = 0
    >>> ink_parts(zone)[1]
    [(2, 5, 4, 5, 20, 1), (20, 5, 2, 10, 20, 2)]
    """
    count, labels, stats, _ = cv2.connectedComponentsWithStats((pixels < 128).astype(np.uint8), connectivity=8)
    return labels, [(*(int(v) for v in stats[i]), i) for i in range(1, count)]  # type: ignore[misc]


def overlap(a0: int, a1: int, b0: int, b1: int) -> int:
    """How many pixels the spans [a0, a1) and [b0, b1) share.

    >>> overlap(0, 10, 5, 20), overlap(0, 5, 6, 9)
    (5, 0)
    """
    return max(0, min(a1, b1) - max(a0, b0))


def binarize(gray: np.ndarray) -> np.ndarray:
    """Ink as 255, paper as 0 (Otsu's threshold; scans vary in brightness)."""
    _, ink = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    return ink


def to_pixels(box: Box, page_height_pt: float, dpi: float) -> tuple[int, int, int, int]:
    """A PDF-point box as pixel bounds (left, top, right, bottom) on an image rendered at `dpi`."""
    s = dpi / 72.0
    x0, y0, x1, y1 = box
    return round(x0 * s), round((page_height_pt - y1) * s), round(x1 * s), round((page_height_pt - y0) * s)


def crop(image: np.ndarray, box: Box, page_height_pt: float, dpi: float, inset: float = 0.0) -> np.ndarray:
    """The pixels inside `box`, shrunk by `inset` points on every side (to stay inside the printed border)."""
    x0, y0, x1, y1 = box
    left, top, right, bottom = to_pixels((x0 + inset, y0 + inset, x1 - inset, y1 - inset), page_height_pt, dpi)
    h, w = image.shape
    return image[max(top, 0):min(bottom, h), max(left, 0):min(right, w)]


def remove_lines(ink: np.ndarray) -> np.ndarray:
    """Ink without long horizontal and vertical strokes (box borders that crept into a crop)."""
    h, w = ink.shape
    out = ink.copy()
    if w >= 20:
        horizontal = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (max(w * 6 // 10, 10), 1)))
        out[horizontal > 0] = 0
    if h >= 20:
        vertical = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, max(h * 8 // 10, 10))))
        out[vertical > 0] = 0
    return out


def ink_share(gray: np.ndarray, threshold: int = 128) -> float:
    """The share of dark pixels (0–1): how much of a checkbox is marked."""
    if gray.size == 0:
        return 0.0
    return float((gray < threshold).mean())


def ink_bounds(ink: np.ndarray, min_pixels: int) -> tuple[int, int, int, int] | None:
    """Bounds (left, top, right, bottom) of the ink in a binary crop after dropping specks; None if blank."""
    count, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    keep = [i for i in range(1, count) if stats[i, cv2.CC_STAT_AREA] >= 4]
    if not keep or sum(int(stats[i, cv2.CC_STAT_AREA]) for i in keep) < min_pixels:
        return None
    xs0 = min(stats[i, cv2.CC_STAT_LEFT] for i in keep)
    ys0 = min(stats[i, cv2.CC_STAT_TOP] for i in keep)
    xs1 = max(stats[i, cv2.CC_STAT_LEFT] + stats[i, cv2.CC_STAT_WIDTH] for i in keep)
    ys1 = max(stats[i, cv2.CC_STAT_TOP] + stats[i, cv2.CC_STAT_HEIGHT] for i in keep)
    return int(xs0), int(ys0), int(xs1), int(ys1)


def binarize_fixed(gray: np.ndarray, threshold: int = 140) -> np.ndarray:
    """Ink as 255 by a fixed threshold: Otsu on a nearly empty field would turn paper grain into ink."""
    return np.where(gray < threshold, 255, 0).astype(np.uint8)


def drop_specks(black_on_white: np.ndarray, min_area: int = 8, stray_area: int = 40) -> np.ndarray:
    """Scanner dust painted white: dark components under `min_area` pixels, and small ones (under
    `stray_area`) lying away from the text (farther than half the text's height from its bounds)."""
    ink = (black_on_white < 128).astype(np.uint8)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    h_img = black_on_white.shape[0]
    # A letter is at least 12 px tall at 300 dpi (a 4-point font's capitals); flat strokes are rules, dashes
    # or what is left of a box border.
    big = [i for i in range(1, count)
           if stats[i, cv2.CC_STAT_AREA] >= stray_area and stats[i, cv2.CC_STAT_HEIGHT] >= min(12, h_img // 2)]
    if not big:  # nothing the size of a letter: all of it is dust or border
        return np.full_like(black_on_white, 255)
    drop = [i for i in range(1, count) if stats[i, cv2.CC_STAT_AREA] < min_area]
    # A flat stroke hugging the top or bottom edge is a border's remains when it is wider than a letter:
    # a long mark over a capital written high in its box is as flat and as near the edge, but narrower
    # than the capital under it (such marks were dropped here: "Ūdens" read "Udens").
    widest = max(int(stats[i, cv2.CC_STAT_WIDTH]) for i in big)
    for i in range(1, count):
        x, y, w, h, _ = stats[i]
        if h <= 5 and w >= 3 * h and (y <= 3 or y + h >= h_img - 3) and w > widest:
            drop.append(i)
    if big:
        x0 = min(stats[i, 0] for i in big)
        y0 = min(stats[i, 1] for i in big)
        x1 = max(stats[i, 0] + stats[i, 2] for i in big)
        y1 = max(stats[i, 1] + stats[i, 3] for i in big)
        margin = (y1 - y0) / 2
        for i in range(1, count):
            x, y, w, h, area = stats[i]
            if area < stray_area and (x > x1 + margin or x + w < x0 - margin or y > y1 + margin or y + h < y0 - margin):
                drop.append(i)
    if not drop:
        return black_on_white
    out = black_on_white.copy()
    out[np.isin(labels, drop)] = 255
    return out


def clear_border_strokes(ink: np.ndarray, thickness: int = 8) -> np.ndarray:
    """Ink without thin strokes touching the crop's edge: what is left of a box border after a slight misfit."""
    h, w = ink.shape
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    drop = []
    for i in range(1, count):
        x, y, bw, bh, _ = stats[i]
        touches_side = x == 0 or x + bw >= w
        touches_edge = y == 0 or y + bh >= h
        if touches_side and bw <= thickness and bh >= 0.9 * h:
            drop.append(i)
        elif touches_edge and bh <= thickness and bw >= 0.5 * w:
            drop.append(i)
    if not drop:
        return ink
    out = ink.copy()
    out[np.isin(labels, drop)] = 0
    return out


def strays_removed(pixels: np.ndarray, between_only: bool = False) -> np.ndarray:
    """A number's zone (black on white) without the small dots and commas that stand before its first
    digit, after its last or above or below them: dust or a label's colon (":16:30", "19:15,", "2·"),
    which Tesseract reads as punctuation. Separators between digits (".", ",", ":", "-") are kept; with
    `between_only` (an e-mail address, whose "_" sits below its letters) only what stands before or after.

    >>> zone = np.full((40, 90), 255, np.uint8)
    >>> zone[10:30, 10:22] = 0; zone[10:30, 40:52] = 0; zone[27:30, 30:33] = 0   # "1,5"-like: kept
    >>> zone[14:17, 60:63] = 0                                                   # a speck after it
    >>> out = strays_removed(zone); bool((out[27:30, 30:33] == 0).all()), bool((out[14:17, 60:63] == 255).all())
    (True, True)
    """
    ink = (pixels < 128).astype(np.uint8)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    if count <= 2:
        return pixels
    tallest = max(int(stats[i, cv2.CC_STAT_HEIGHT]) for i in range(1, count))
    digits = [i for i in range(1, count) if stats[i, cv2.CC_STAT_HEIGHT] >= 0.6 * tallest]
    if not digits:
        return pixels
    areas = sorted(int(stats[i, cv2.CC_STAT_AREA]) for i in digits)
    small = 0.25 * areas[len(areas) // 2]
    # An address's small letters ("com") are lower than 0.6 of its tallest mark ("@", "g"): its ends are
    # where any letter-sized mark is, or the dot before "com" falls outside (read "gmailcom").
    ends = digits if not between_only else [i for i in range(1, count) if stats[i, cv2.CC_STAT_AREA] >= small]
    left = min(stats[i, 0] for i in ends)
    right = max(stats[i, 0] + stats[i, 2] for i in ends)
    top = min(stats[i, 1] for i in digits)
    bottom = max(stats[i, 1] + stats[i, 3] for i in digits)
    drop = []
    for i in range(1, count):
        x, y, w, h, area = stats[i]
        if i in digits or area >= small or h >= 0.5 * tallest:
            continue
        centre = x + w / 2
        if centre <= left or centre >= right or (not between_only and (y + h <= top or y >= bottom)):
            drop.append(i)
    if not drop:
        return pixels
    out = pixels.copy()
    out[np.isin(labels, drop)] = 255
    return out


def separators(pixels: np.ndarray) -> int:
    """How many separators (".", ",", ":", "-") stand between the digits of a number's zone: small marks
    between the first and last digit, those above one another (a colon's two dots) counted once.

    >>> zone = np.full((40, 120), 255, np.uint8)
    >>> zone[10:30, 10:22] = 0; zone[10:30, 40:52] = 0; zone[27:30, 30:33] = 0   # "1,5"
    >>> separators(zone)
    1
    >>> zone[10:30, 80:92] = 0; zone[13:16, 66:69] = 0; zone[24:27, 66:69] = 0    # "1,5:7"
    >>> separators(zone)
    2
    """
    ink = (pixels < 128).astype(np.uint8)
    count, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    if count <= 2:
        return 0
    tallest = max(int(stats[i, cv2.CC_STAT_HEIGHT]) for i in range(1, count))
    digits = [i for i in range(1, count) if stats[i, cv2.CC_STAT_HEIGHT] >= 0.6 * tallest]
    if len(digits) < 2:
        return 0
    left = min(stats[i, 0] + stats[i, 2] / 2 for i in digits)
    right = max(stats[i, 0] + stats[i, 2] / 2 for i in digits)
    marks = sorted((int(stats[i, 0]), int(stats[i, 0] + stats[i, 2])) for i in range(1, count)
                   if i not in digits and stats[i, 4] >= 3 and left < stats[i, 0] + stats[i, 2] / 2 < right)
    groups, end = 0, -1
    for x0, x1 in marks:
        if x0 > end:
            groups += 1
        end = max(end, x1)
    return groups


# A lone digit's ink, width over height, in the forms' fonts at 200 and 300 dpi (independent tuning forms
# 1500–1559, 487 digits read right): every digit but "1" 0.54–0.77; a "1" 0.24–0.61, and up to 0.75 with a
# foot serif or a speck joined to it (tuning forms 2547, 2560, 2598), so only the narrow side tells.
OTHERS_AT_LEAST = 0.5


def lone_digit_fits(pixels: np.ndarray, digit: str) -> bool:
    """Whether the ink of a zone holding one digit could be `digit`: a digit other than "1" is not a narrow
    stroke ("1" read "4" at 0.82 and 0.9 at 200 dpi, its ink 0.38 as wide as tall; tuning form 2540). The
    digit is the zone's largest stroke.

    >>> zone = np.full((40, 40), 255, np.uint8); zone[8:32, 18:24] = 0   # a stroke 6 wide, 24 tall
    >>> lone_digit_fits(zone, "1"), lone_digit_fits(zone, "4")
    (True, False)
    """
    _, parts = ink_parts(pixels)
    if digit == "1" or not parts:
        return True
    body = max(parts, key=lambda p: p[4])
    return body[2] / max(body[3], 1) >= OTHERS_AT_LEAST


def underscores(pixels: np.ndarray) -> int:
    """How many underscores a line (black on white) shows: flat strokes at least three times as wide as
    tall, lying on or under the baseline (their top below the middle of the tallest mark's height), as wide
    as a letter (a full stop is as wide as tall).

    >>> zone = np.full((40, 120), 255, np.uint8)
    >>> zone[10:30, 10:22] = 0; zone[10:30, 50:62] = 0; zone[29:32, 26:44] = 0   # "a_b"-like
    >>> zone[27:30, 70:73] = 0                                                  # a full stop
    >>> underscores(zone)
    1
    """
    _, parts = ink_parts(pixels)
    if len(parts) < 2:
        return 0
    _, top, _, height, _, _ = max(parts, key=lambda p: p[3])
    return sum(1 for x, y, w, h, _, _ in parts if w >= 3 * h and w >= 0.3 * height and y >= top + 0.6 * height)


BLANK_MARGIN_PX = 3  # how far (at 300 dpi) a scan aligned by its corner squares may still sit off the form


def printed_mask(blank: np.ndarray, box: Box, page_height_pt: float, dpi: float, inset: float) -> np.ndarray:
    """Where the blank form prints something (255) inside `box` shrunk by `inset` points, widened by
    BLANK_MARGIN_PX on every side (so a border just outside the crop still masks its blurred edge)."""
    x0, y0, x1, y1 = box
    left, top, right, bottom = to_pixels((x0 + inset, y0 + inset, x1 - inset, y1 - inset), page_height_pt, dpi)
    h, w = blank.shape
    m = BLANK_MARGIN_PX
    t, l = max(top, 0), max(left, 0)
    b, r = min(bottom, h), min(right, w)
    area = blank[max(t - m, 0):min(b + m, h), max(l - m, 0):min(r + m, w)]
    printed = np.where(area < 200, 255, 0).astype(np.uint8)
    side = 2 * m + 1
    wide = cv2.dilate(printed, cv2.getStructuringElement(cv2.MORPH_RECT, (side, side)))
    oy, ox = t - max(t - m, 0), l - max(l - m, 0)
    return wide[oy:oy + (b - t), ox:ox + (r - l)]


def local_shift(page: np.ndarray, blank: np.ndarray, box: Box, page_height_pt: float, dpi: float,
                search: int = 6) -> tuple[int, int]:
    """How many pixels (dx, dy) the box printed at `box` sits off in `page` against `blank`: the four
    corner squares align the page as a whole, but a speck stuck to a square, a corner placed by the other
    three or a sheet that is not flat leave fields a few pixels off — enough at 200 dpi for a border to
    reach inside the crop. Found by matching the box as the blank form prints it, within ±`search` pixels."""
    left, top, right, bottom = to_pixels(box, page_height_pt, dpi)
    margin = 3
    t0, l0 = top - margin, left - margin
    t1, l1 = bottom + margin, right + margin
    h, w = page.shape
    if t0 - search < 0 or l0 - search < 0 or t1 + search > h or l1 + search > w:
        return 0, 0
    template = blank[t0:t1, l0:l1].astype(np.float32)
    if float(template.std()) < 1.0:
        return 0, 0
    region = page[t0 - search:t1 + search, l0 - search:l1 + search].astype(np.float32)
    result = cv2.matchTemplate(region, template, cv2.TM_CCOEFF_NORMED)
    _, best, _, (x, y) = cv2.minMaxLoc(result)
    if best < 0.3:
        return 0, 0
    return x - search, y - search
