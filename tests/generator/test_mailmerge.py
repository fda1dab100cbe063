"""Mail-merge from CSV and XLSX with Latvian headers, a bad row reported, one merged print file."""
from __future__ import annotations

import datetime as dt
import json

import openpyxl
import pypdf
import pytest

from asistents.cli import main
from generator.config import EXAMPLE
from generator.mailmerge import SheetError, mailmerge, read_sheet
from regulation.personal_code import make

# headers as a clerk types them: capitals, missing diacritics, spaces
HEADERS = ["Līguma Nr.", "Lietas Nr.", "VĀRDS", "uzvards", "Personas kods", "Adrese", "Stundas nedēļā", "Pasākums",
           "Sākuma datums", "Beigu datums", "Noslēgšanas datums", "Asistenta vārds", "Asistenta uzvārds",
           "Asistenta personas kods", "Nodarbinātība", "Piezīmes"]


def row(i: int, *, code: str | None = None) -> list[str]:
    return [f"AS-2026/{i:03d}", f"L-{i}", "Līga", f"Bērziņa{i}", code or make(dt.date(1985, 6, 12), 100 + i),
            "Dzirnavu iela 7-12, Paraugciems", "20", "1", "01.03.2021", "28.02.2022", "24.02.2021", "Jānis",
            "Kalniņš", make(dt.date(1972, 3, 8), 200 + i), "uzņēmuma līgums", "piezīme; ar semikolu"]


def rows_with_a_bad_one() -> list[list[str]]:
    return [row(1), row(2, code="999999-99999"), row(3)]


def write_csv(path, rows, sep=";"):
    import csv
    import io

    buf = io.StringIO()
    csv.writer(buf, delimiter=sep).writerows([HEADERS, *rows])
    path.write_bytes(b"\xef\xbb\xbf" + buf.getvalue().encode("utf-8"))  # Excel's BOM
    return path


def write_xlsx(path, rows):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(HEADERS)
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


@pytest.mark.parametrize("sep", [";", ","])
def test_csv_rows_become_contracts_and_the_bad_row_is_named(tmp_path, sep):
    sheet = write_csv(tmp_path / "ligumi.csv", rows_with_a_bad_one(), sep)
    s, report = mailmerge(sheet, "contract", tmp_path / "out", municipality=EXAMPLE, progress=False)
    assert len(s.rows) == 3
    assert [o.status for o in report.outcomes] == ["made", "failed", "made"]
    bad = report.outcomes[1]
    assert bad.row == 3 and bad.column == "Personas kods" and bad.stage == "data"
    assert "3. rinda" in bad.source and "Personas kods" in bad.error_lv
    assert sorted(p.name for p in (tmp_path / "out").glob("*.docx")) == [
        "ligums-as-2026-001-berzina1.docx", "ligums-as-2026-003-berzina3.docx"]


@pytest.mark.slow
def test_xlsx_with_pdfs_and_merged_print_file(tmp_path):
    sheet = write_xlsx(tmp_path / "ligumi.xlsx", rows_with_a_bad_one())
    merged = tmp_path / "druka.pdf"
    _, report = mailmerge(sheet, "contract", tmp_path / "out", municipality=EXAMPLE, pdf=True, merged=merged,
                          progress=False)
    made = [o for o in report.outcomes if o.status == "made"]
    assert len(made) == 2 and all(o.pdf.is_file() for o in made)
    reader = pypdf.PdfReader(merged)
    assert len(reader.pages) == sum(o.pages for o in made)
    first_pages = [0, made[0].pages]
    assert "Bērziņa1" in reader.pages[first_pages[0]].extract_text()
    assert "Bērziņa3" in reader.pages[first_pages[1]].extract_text()  # row order kept


def test_cli_mailmerge_json_and_exit_code(tmp_path, capsys):
    sheet = write_csv(tmp_path / "ligumi.csv", rows_with_a_bad_one())
    code = main(["mailmerge", str(sheet), "--template", "contract", "-o", str(tmp_path / "out"), "--json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 2 and out["made"] == 2 and out["failed"] == 1
    assert out["documents"][1]["column"] == "Personas kods" and out["documents"][1]["row"] == 3


def test_unreadable_sheets_are_clear_errors(tmp_path, capsys):
    latin = tmp_path / "latin.csv"
    latin.write_bytes("Vārds;Uzvārds\nLīga;Bērziņa\n".encode("cp1257"))
    with pytest.raises(SheetError, match="UTF-8"):
        read_sheet(latin)
    unknown = tmp_path / "x.csv"
    unknown.write_text("a;b\n1;2\n", encoding="utf-8")
    assert main(["mailmerge", str(unknown), "--template", "contract", "-o", str(tmp_path / "o")]) == 2
    assert "nav atpazīts" in capsys.readouterr().err
    assert main(["mailmerge", str(unknown), "--template", "nav-tads", "-o", str(tmp_path / "o")]) == 2
