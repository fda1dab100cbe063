"""The checks of an e-mail address zone: read by `eng` (which has "@") and again by `lav`; dust at its ends,
underscores against the ink, the domain against known ones, the address against the person's names."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from parser import address, image, ocr
from parser.zone.agree import agree
from parser.zone.base import EMAIL_DUST, EMAIL_TAIL, LOW_DPI

if TYPE_CHECKING:
    from parser.zone.base import Zone


def checked(z: Zone, raw: str, guessed: bool, cap: float, line: ocr.OcrLine, check: ocr.OcrLine | None,
            again: ocr.OcrLine | None, names: tuple[str, ...], names_sure: bool) -> tuple[str, bool, float]:
    """(the address with dust dropped and likelier letters put in where in doubt, whether it is a guess, the
    most it may be trusted). `guessed` comes in as the readings' agreement left it: `check` is `lav`'s
    reading, `again` `eng`'s at 3/4 size, `names` the person's names as first read (`names_sure`: both read
    as names at the review threshold or above)."""
    # an address ends in its domain's letters and begins with a letter or digit: what is beside is dust
    raw = raw.rstrip(EMAIL_TAIL).lstrip(EMAIL_DUST)
    seen, read = image.underscores(z.pixels), raw.count("_")
    # the ink shows an underscore the reading lacks ("." for "_", tuning form 248); one the ink does not
    # show apart is taken only when `lav` reads it too: joined to a "j" it is no stroke of its own
    # ("aris_jurevics", tuning form 334). An "l" beside a digit may be a "1" both models misread
    # ("klavinal1" for "klavina11", tuning form 1006).
    underscores_doubted = read < seen or (read > seen and (check is None or check.text.count("_") < read))
    written = [address.as_written(n) for n in names]  # the person's names as an address writes them
    own_doubt = underscores_doubted or bool(re.search(r"l\d|\dl", raw.split("@")[0])) \
        or address.lookalikes_after_names(raw, written)
    if "@" in raw and not address.known_domain(raw.rsplit("@", 1)[1]):
        repaired = address.lav_domain(raw, check.text) if check is not None else None
        if repaired is not None and agree(z, repaired, check.text, folded=True):
            raw, guessed = repaired, False  # `eng` read "lv" as "iv" where `lav` read it: both models agree
            cap = address.REPAIRED_AT_MOST
        else:
            guessed = True  # no such top-level domain ("apollo.iv"): a misreading
    # a mail provider's domain with one letter changed ("apolio.lv", both models alike, tuning form 1506)
    guessed = guessed or own_doubt or ("@" in raw and address.near_provider(raw.rsplit("@", 1)[1]) is not None)
    if guessed and read < seen and again is not None:
        raw = _underscores_placed(raw, again.text.rstrip(EMAIL_TAIL).lstrip(EMAIL_DUST), seen)
    if guessed and check is not None:  # the likelier value, still in doubt
        raw = address.first_letter_from(raw, check.text, written) or raw
        raw = address.ones_from_lav(raw, check.text) or raw
        raw = address.domain_from_lav(raw, check.text) or raw
    if guessed and again is not None:
        raw = address.first_letter_from(raw, again.text.rstrip(EMAIL_TAIL), written) or raw
    if guessed:
        raw = address.with_provider(raw) or raw
        raw = address.names_letter_dropped(raw, written) or raw
    if guessed and check is not None and not underscores_doubted and _settled_by_names(z, raw, line, check, written):
        guessed, cap = False, address.REPAIRED_AT_MOST  # sure enough to keep, not among those at 0.9 and above
    if guessed and names_sure and not own_doubt and again is not None and z.dpi >= LOW_DPI \
            and raw == line.text.rstrip(EMAIL_TAIL).lstrip(EMAIL_DUST) \
            and raw == again.text.rstrip(EMAIL_TAIL).lstrip(EMAIL_DUST) and address.vouched_by_names(raw, written):
        # `eng` read it alike at two sizes, and it is the person's names, read sure in their own boxes, then
        # digits at a provider's domain: `lav`, which lacks the "@" and reads "l" for "i", is outvoted
        # (tuning forms 2256–2735, 300 dpi: of 127 addresses `eng` read alike at two sizes as the names then
        # digits at a provider's, none was wrong; 4 had gone to review. "kirilis.ivans" beside "Ķirilis"
        # read at 0.49 for "Ķirills", tuning form 2650, stays in doubt: its name was not read sure)
        guessed, cap = False, address.REPAIRED_AT_MOST
    return raw, guessed, cap


def _settled_by_names(z: Zone, raw: str, line: ocr.OcrLine, check: ocr.OcrLine, written: list[str]) -> bool:
    """Whether an address in doubt is the person's names (read in their own boxes, `written` as an address
    writes them) then digits, the two models apart only where one read a "1" and the other an "l" or "i"
    ("baiba_ivane1" beside `lav`'s "baiba_ivanel", "unanecajeval7" beside "…17"; tuning forms 1470, 1512,
    1530, 1008): the names end where the digits begin. Not where `eng` dropped a digit `lav` read (1488: one
    reading alone) or where the domain was changed or is a provider's with a letter changed."""
    if raw.count("@") != 1:
        return False
    read = line.text.rstrip(EMAIL_TAIL).lstrip(EMAIL_DUST)
    domain = raw.rsplit("@", 1)[1]
    return len(raw) == len(read) and domain == read.rsplit("@", 1)[-1] and address.known_domain(domain) \
        and address.near_provider(domain) is None \
        and address.names_then_digits(raw, written) \
        and agree(z, raw.replace("1", "l"), check.text.replace("1", "l"), folded=True)


def _underscores_placed(raw: str, smaller: str, seen: int) -> str:
    """`smaller` (`eng`'s reading at 3/4 size) where it has every underscore the ink shows and is `raw` but
    for them ("ceslava_vilka48" read "ceslavavilka48@example.lv_" at full size, the underscore put at the
    end; tuning form 5032); else `raw`. The likelier value of an address in doubt.

    >>> _underscores_placed("ceslavavilka48@example.lv", "ceslava_vilka48@example.lv", 1)
    'ceslava_vilka48@example.lv'
    >>> _underscores_placed("ceslavavilka48@example.lv", "ceslava_vilka4@example.lv", 1)
    'ceslavavilka48@example.lv'
    """
    if smaller.count("_") == seen and smaller.replace("_", "") == raw.replace("_", ""):
        return smaller
    return raw
