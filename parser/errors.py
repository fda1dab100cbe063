"""The `ParseError`s a file can end in, each saying what is wrong and what to do, in Latvian and English.

>>> e = error("encrypted", "x.pdf"); e.code, "paroli" in e.message_lv, "password" in e.message_en
('encrypted', True, True)
"""
from __future__ import annotations

from parser.result import ErrorCode, ParseError

_MESSAGES: dict[str, tuple[str, str]] = {
    "not_found": ("fails nav atrasts vai nav nolasāms — pārbaudiet faila ceļu un piekļuves tiesības",
                  "the file was not found or cannot be read — check the path and permissions"),
    "empty": ("fails ir tukšs (0 baitu) — iespējams, skeneris to vēl raksta; pagaidiet vai skenējiet vēlreiz",
              "the file is empty (0 bytes) — the scanner may still be writing it; wait or scan it again"),
    "not_pdf": ("fails nav PDF dokuments — saglabājiet vai skenējiet veidlapu kā PDF un iesniedziet vēlreiz",
                "the file is not a PDF document — save or scan the form as PDF and submit it again"),
    "truncated": ("PDF fails ir nepilnīgs (nav beigu atzīmes %%EOF) — iespējams, tas vēl tiek kopēts; "
                  "pagaidiet vai lūdziet atsūtīt vēlreiz",
                  "the PDF file is incomplete (no %%EOF end marker) — it may still be copying; wait or ask for it again"),
    "damaged": ("PDF fails ir bojāts un nav nolasāms — lūdziet iesniedzējam atsūtīt to vēlreiz",
                "the PDF file is damaged and cannot be read — ask the sender to send it again"),
    "encrypted": ("PDF fails ir aizsargāts ar paroli — lūdziet iesniedzējam atsūtīt neaizsargātu kopiju",
                  "the PDF file is password-protected — ask the sender for an unprotected copy"),
    "too_many_pages": ("PDF failā ir pārāk daudz lapu veidlapai — pārbaudiet, vai tas ir pareizais dokuments, "
                       "un sadaliet to pa veidlapām",
                       "the PDF has too many pages for a form — check it is the right document and split it per form"),
    "too_large": ("PDF failā ir pārāk liels attēls vai saturs — skenējiet vēlreiz ar 300 dpi izšķirtspēju",
                  "the PDF holds an image or content that is too large — scan it again at 300 dpi"),
    "timeout": ("faila nolasīšana ilga pārāk ilgi un tika pārtraukta — pārbaudiet failu vai ievadiet datus ar roku",
                "reading the file took too long and was stopped — check the file or enter the data by hand"),
    "memory": ("faila nolasīšanai vajadzēja pārāk daudz atmiņas — fails var būt bojāts vai ļaunprātīgs; "
               "lūdziet atsūtīt to vēlreiz",
               "reading the file needed too much memory — it may be damaged or malicious; ask for it again"),
    "crashed": ("faila nolasīšana neizdevās (lasītājs avarēja) — lūdziet atsūtīt failu vēlreiz vai ievadiet datus ar roku",
                "reading the file failed (the reader crashed) — ask for the file again or enter the data by hand"),
}


def error(code: ErrorCode, file: str | None, page: int | None = None, detail: str = "") -> ParseError:
    """The `ParseError` for `code`, with an optional technical detail appended to the English text."""
    lv, en = _MESSAGES[code]
    return ParseError(code, lv, en + (f" ({detail})" if detail else ""), file=file, page=page)
