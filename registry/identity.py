"""How the register tells assistants apart.

An assistant is identified by personal code when one is known, else by the normalised name — Unicode NFC,
case-folded, whitespace collapsed, given name then surname. Timesheets written by hand often omit the
assistant's code, so two different people with the same name and no codes are one assistant to the register:
give the code to separate them.

>>> assistant_key("Ilze", "  ozola ")
'name:ilze ozola'
>>> assistant_key("Ilze", "Ozola", "010190-10001")
'code:01019010001'
>>> assistant_key("Jānis", "Bērziņš") == assistant_key("JĀNIS", "BĒRZIŅŠ")
True
"""
from __future__ import annotations

import re
import unicodedata

_SPACE = re.compile(r"\s+")


def normalise_name(given_name: str, surname: str) -> str:
    text = unicodedata.normalize("NFC", f"{given_name} {surname}").casefold()
    return _SPACE.sub(" ", text).strip()


def compact_code(code: str) -> str:
    return re.sub(r"\D", "", code)


def assistant_key(given_name: str, surname: str, personal_code: str | None = None) -> str:
    """The register's key of an assistant: `code:<digits>` or `name:<normalised name>`."""
    if personal_code:
        return f"code:{compact_code(personal_code)}"
    return f"name:{normalise_name(given_name, surname)}"
