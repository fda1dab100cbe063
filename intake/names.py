"""File names as the disk has them and as a person reads them.

Linux names are bytes. Windows shares and old scanners write Latvian names in cp1257 (Windows Baltic), which
is not valid UTF-8: Python gives such a name with "surrogate escapes" that no database, JSON or UTF-8 file
takes. The journal keeps those bytes as they are (to find the file again) and a readable form to show: the
bytes read as cp1257 when that gives printable text, else UTF-8 with each stray byte as \\xNN.

>>> name = os.fsdecode(b"B\\xe7rzi\\xf2a.pdf")
>>> readable(name), raw(name)
('Bērziņa.pdf', b'B\\xe7rzi\\xf2a.pdf')
>>> readable("Bērziņa.pdf"), raw("Bērziņa.pdf") is None
('Bērziņa.pdf', True)
>>> readable(os.fsdecode(b"x\\x81\\x98.pdf"))  # bytes cp1257 has no letter for
'x\\\\x81\\\\x98.pdf'
"""
from __future__ import annotations

import os


def raw(name: str) -> bytes | None:
    """The name's bytes when it is not valid UTF-8 (None when it is: the text is the name)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return os.fsencode(name)
    return None


def readable(name: str) -> str:
    """A form of the name that can be stored, printed and written anywhere (the name itself when valid)."""
    data = raw(name)
    if data is None:
        return name
    try:
        text = data.decode("cp1257")
    except UnicodeDecodeError:
        text = ""
    if text and text.isprintable():
        return text
    return data.decode("utf-8", "backslashreplace")


def on_disk(name: str, raw_name: bytes | None) -> str:
    """The name to open the file by, from a journal entry's `name` and `raw_name`."""
    return os.fsdecode(raw_name) if raw_name is not None else name
