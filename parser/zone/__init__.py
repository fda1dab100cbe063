"""One text zone of a scan as a field reading: the zone's pixels, the readings Tesseract gave of it (the zone
as it is, again at 3/4 size, an e-mail address also by the other model) and what the ink and a Latvian
reader check of them. A reading is a guess when the readings disagree, when the ink shows a mark the reading
lacks (or the reverse), when a word is not Latvian but the same word with or without a mark is (hunspell-lv),
when the model itself weighed a name's letter without its mark, when its shape does not fit the field, or when
the page was scanned below 250 dpi and the model was not sure; the field's confidence says so.

The zone and what its rules share are in `base`; whether two readings agree in `agree`; the checks of each
kind of field in `text`, `mail` and `numeric`; `reading` puts them together.
"""
from parser.zone.base import Zone
from parser.zone.reading import reading

__all__ = ["Zone", "reading"]
