"""An e-mail address read from a scan against the names on the same form: a name with one letter changed in
the address (`names_nearly_in_addresses`), a letter for a digit among the digits after the names (`digits_after_names`).
"""
from __future__ import annotations

from parser import address
from parser.result import FieldReading


def names_nearly_in_addresses(readings: dict[str, FieldReading], doubt, scanned: bool) -> None:
    """An e-mail address that holds the person's name (from the same form) with one letter changed is a
    misreading of one of them ("aris.ozdlins@…" beside the surname "Ozoliņš": both models read the "o" as "d"
    and agreed; tuning form 1344). Both are in doubt, the address with the name's letters as the likelier
    value: twice it was the address (`eng`) that was wrong ("efika.jurevica" beside "Ērika", viewer tuning
    form 100008), once the name ("Ķirilts" at 0.86 beside "kirills.erglis@…", tuning form 3076)."""
    for person in ("applicant", "representative"):
        email = readings.get(f"{person}.email")
        if email is None or not isinstance(email.value, str) or "@" not in email.value:
            continue
        for part in ("given_name", "surname"):
            name = readings.get(f"{person}.{part}")
            if name is None or not isinstance(name.value, str):
                continue
            likelier = address.with_name(email.value, address.as_written(name.value))
            if likelier is not None:
                doubt(f"{person}.email", "adrese gandrīz sakrīt ar vārdu vai uzvārdu",
                      "the address nearly matches the name")
                doubt(f"{person}.{part}", "vārds vai uzvārds gandrīz sakrīt ar e-pasta adresi",
                      "the name nearly matches the e-mail address")
                if scanned:  # a typed address is what its writer typed
                    email = readings[f"{person}.email"].model_copy(update={"value": likelier, "raw": likelier})
                    readings[f"{person}.email"] = email


def digits_after_names(readings: dict[str, FieldReading], uncertain_below: float) -> dict[str, FieldReading]:
    """An e-mail address in doubt with the digits `address.digits_after_names` finds after the person's names
    (read on the same form), where it was read below `uncertain_below`: the likelier value; the
    address stays in doubt."""
    out = dict(readings)
    for person in ("applicant", "representative"):
        email = readings.get(f"{person}.email")
        if email is None or not isinstance(email.value, str) or email.confidence >= uncertain_below:
            continue
        value = address.digits_after_names(email.value, _names(readings, person))
        if value is not None:
            out[f"{person}.email"] = email.model_copy(update={"value": value, "raw": value})
    return out


def _names(readings: dict[str, FieldReading], person: str) -> list[str]:
    """The person's given name and surname as an e-mail address writes them (`address.as_written`)."""
    return [address.as_written(r.value) for r in (readings.get(f"{person}.given_name"), readings.get(f"{person}.surname"))
            if r is not None and isinstance(r.value, str)]
