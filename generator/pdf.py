"""DOCX → PDF with LibreOffice, for one document or thousands.

What was measured here (LibreOffice 7.4, 2 cores, one-page letters) and what follows from it:
- one `soffice --convert-to pdf` process per document ≈ 1 s each (start-up dominates);
- one call given 40 files with a warm profile: 40 letters in 4.4 s (≈ 9/s), because LibreOffice still pays
  ≈ 0.1 s of import/layout overhead per document;
- the same 40 letters joined into one DOCX (each letter its own section, starting a new page, with a
  bookmark at its first paragraph) in one call: 1.5 s including start-up (≈ 27/s), and the bookmarks come
  out as PDF named destinations (`ExportBookmarksToPDFDestination`), which tell exactly on which page each
  letter starts — so the PDF is split back into one file per letter with pypdf, without guessing page counts.

Measured caveat: in joined files of 50 three-page decisions LibreOffice broke pages differently from the
same letters converted alone (every third letter from the tenth on: a keep-with-next heading left at a page
foot); with 10 or 25 letters per file all 100 letters were identical to separate conversion. Hence chunks of
at most `join_size` = 20 letters; the tests and bench/bench_render.py compare joined output with documents
converted alone.

So `PdfConverter` joins documents made from the same template (identical styles, settings and
relationships) into files of ≤ `join_size` letters, converts up to `batch_size` letters' worth of such files
in one call on a pool of `workers` LibreOffice processes, each with its own profile
(`-env:UserInstallation`), and splits them. Documents that cannot be joined safely (page totals
— NUMPAGES —, list numbering, footnotes, comments: all of these would continue across letters), PDF/A
output (a split file would have to carry the output intent and XMP of the whole), and every chunk whose
conversion or split fails fall back to plain batch mode (≤ `batch_size` files per call; LibreOffice drops
files silently above ~246), and every document still missing after that is converted alone. Each
`soffice` process converts one chunk and exits (a fresh process per ≤ `batch_size` documents — the
"restart after N documents" that keeps LibreOffice's memory growth bounded); its profile stays warm on disk.
A process that overruns its timeout is killed with its whole process group. Outputs are checked (exit
code, file present, `%PDF` header, pypdf opens it, ≥ 1 page) and written atomically.
"""
from __future__ import annotations

import io
import json
import os
import queue
import re
import shutil
import signal
import subprocess
import tempfile
import threading
import zipfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from hashlib import sha256
from pathlib import Path
from typing import Iterable, Sequence

import pypdf

from generator import atomic

SOFFICE = "soffice"


def soffice_binary() -> str:
    """The LibreOffice command: $ASISTENTS_SOFFICE, or `soffice` on the PATH."""
    return os.environ.get("ASISTENTS_SOFFICE") or SOFFICE
_DEST_PREFIX = "AsistentsLetter"  # no underscore: LibreOffice writes "_" in destination names as "5F"
_NOT_JOINABLE = re.compile(r"NUMPAGES|<w:numPr|w:footnoteReference|w:endnoteReference|w:commentReference"
                           r"|\bSEQ\b|w:altChunk|w:subDoc")
_HF_REF = re.compile(r'(<w:(?:header|footer)Reference\b[^>]*\br:id=")([^"]+)(")')
_SECT = re.compile(r"<w:sectPr\b.*?</w:sectPr>", re.S)
_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"


@dataclass
class ConversionResult:
    """One document's conversion: the PDF written (or None) and what went wrong."""

    source: Path
    pdf: Path | None
    pages: int = 0
    method: str = ""           # joined | batch | single
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.pdf is not None and self.error is None


class ConversionError(Exception):
    pass


def export_filter(*, pdfa: bool = False, destinations: bool = False) -> str:
    """The `--convert-to` argument: writer_pdf_Export with JSON filter options (LibreOffice ≥ 7.4)."""
    opts: dict[str, dict[str, str]] = {"EmbedStandardFonts": {"type": "boolean", "value": "true"}}
    if pdfa:
        opts["SelectPdfVersion"] = {"type": "long", "value": "2"}  # PDF/A-2b
    if destinations:
        opts["ExportBookmarksToPDFDestination"] = {"type": "boolean", "value": "true"}
    return "pdf:writer_pdf_Export:" + json.dumps(opts, separators=(",", ":"))


def check_pdf(path: Path) -> int:
    """Page count of a valid PDF; raises ConversionError when the file is missing, empty or unreadable."""
    try:
        with open(path, "rb") as f:
            if f.read(5) != b"%PDF-":
                raise ConversionError(f"{path.name}: not a PDF")
        pages = len(pypdf.PdfReader(path).pages)
    except FileNotFoundError:
        raise ConversionError(f"{path.name}: LibreOffice wrote no PDF") from None
    except (pypdf.errors.PdfReadError, ValueError, OSError) as e:
        raise ConversionError(f"{path.name}: unreadable PDF ({e})") from None
    if pages < 1:
        raise ConversionError(f"{path.name}: PDF has no pages")
    return pages


def pdf_fonts(path: Path) -> list[dict[str, str | bool]]:
    """The fonts of a PDF as poppler's `pdffonts` lists them: name, type, embedded, unicode map."""
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True, timeout=60).stdout
    fonts = []
    for line in out.splitlines()[2:]:
        cols = line.split()
        if len(cols) >= 7:
            # name type [type2] encoding emb sub uni object ID: read from the right, names have no spaces
            fonts.append({"name": cols[0], "embedded": cols[-5] == "yes", "unicode": cols[-3] == "yes"})
    return fonts


# ---------------------------------------------------------------------------------------------- soffice
def _run_soffice(profile: Path, files: Sequence[Path], outdir: Path, *, filt: str, timeout: float) -> tuple[int, str]:
    """One `soffice --convert-to` call in its own process group; killed as a group on timeout."""
    binary = soffice_binary()
    cmd = [binary, "--headless", "--invisible", "--norestore", "--nolockcheck", "--nodefault",
           f"-env:UserInstallation={profile.resolve().as_uri()}", "--convert-to", filt,
           "--outdir", str(outdir), *map(str, files)]
    try:
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True,
                                env={**os.environ, "SAL_USE_VCLPLUGIN": "svp"})
    except OSError as e:
        return 127, f"LibreOffice ({binary}) cannot be started: {e.strerror} — install libreoffice-writer-nogui"

    try:
        out, _ = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill_group(proc)
        return -9, f"LibreOffice timed out after {timeout:.0f} s and was killed"
    finally:
        _kill_group(proc)  # leftovers (oosplash children) if soffice itself died
    return proc.returncode, out.decode("utf-8", "replace")[-2000:]


def _kill_group(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    if proc.poll() is None:
        proc.wait()


# ---------------------------------------------------------------------------------------------- joining
@dataclass
class _Doc:
    index: int
    source: Path
    target: Path
    parts: dict[str, bytes] = field(default_factory=dict)


def _group_key(parts: dict[str, bytes]) -> str | None:
    """Documents whose every part except the body, headers/footers and properties is identical can share one
    joined file. None: this document must be converted on its own."""
    body = parts.get("word/document.xml")
    if body is None or _NOT_JOINABLE.search(body.decode("utf-8", "replace")):
        return None
    if not re.search(rb"<w:sectPr\b.*</w:sectPr>\s*</w:body>", body, re.S):
        return None
    h = sha256()
    for name in sorted(parts):
        if name == "word/document.xml" or name.startswith("docProps/") or re.match(r"word/(header|footer)\d*\.xml$", name):
            continue
        if name == "word/styles.xml" and _uses_numbered_style(body, parts[name]):
            return None  # a numbered style would continue its numbering across letters
        h.update(name.encode() + b"\0" + sha256(parts[name]).digest())
    return h.hexdigest()


def _uses_numbered_style(body: bytes, styles: bytes) -> bool:
    numbered = set()
    for m in re.finditer(rb'<w:style\b[^>]*w:styleId="([^"]+)"[^>]*>(.*?)</w:style>', styles, re.S):
        if b"<w:numPr" in m.group(2):
            numbered.add(m.group(1))
    # a style based on a numbered one is numbered too
    changed = True
    while changed:
        changed = False
        for m in re.finditer(rb'<w:style\b[^>]*w:styleId="([^"]+)"[^>]*>(.*?)</w:style>', styles, re.S):
            base = re.search(rb'<w:basedOn w:val="([^"]+)"', m.group(2))
            if base and base.group(1) in numbered and m.group(1) not in numbered:
                numbered.add(m.group(1))
                changed = True
    used = set(re.findall(rb'<w:pStyle w:val="([^"]+)"', body))
    return bool(used & numbered)


def _split_body(xml: str) -> tuple[str, str, str]:
    m = re.search(r"<w:body\b[^>]*>", xml)
    end = xml.rindex("</w:body>")
    return xml[:m.end()], xml[m.end():end], xml[end:]


def _join(docs: Sequence[_Doc]) -> bytes:
    """One DOCX holding every document as its own section(s), each starting a new page at page number 1,
    with a bookmark on its first paragraph; headers/footers that differ get their own parts."""
    first = docs[0].parts
    prefix, _, suffix = _split_body(first["word/document.xml"].decode("utf-8"))
    rels_name = "word/_rels/document.xml.rels"
    rels = first.get(rels_name, b"").decode("utf-8")
    targets = {m.group(1): m.group(2) for m in re.finditer(r'<Relationship\b[^>]*?Id="([^"]+)"[^>]*?Target="([^"]+)"', rels)}
    targets.update({m.group(2): m.group(1) for m in re.finditer(r'<Relationship\b[^>]*?Target="([^"]+)"[^>]*?Id="([^"]+)"', rels)})
    ctypes = first["[Content_Types].xml"].decode("utf-8")
    new_parts: dict[str, bytes] = {}
    new_rels: list[str] = []
    new_overrides: list[str] = []
    bodies: list[str] = []
    for n, doc in enumerate(docs):
        _, inner, _ = _split_body(doc.parts["word/document.xml"].decode("utf-8"))
        # headers/footers of this document that differ from the first one's: copies with their own ids
        remap: dict[str, str] = {}
        for rid in set(m.group(2) for m in _HF_REF.finditer(inner)):
            target = targets.get(rid)
            if target is None:
                continue
            name = f"word/{target}"
            if n == 0 or doc.parts.get(name) == first.get(name):
                continue
            new_name = f"asistents{n}_{Path(target).name}"
            new_parts[f"word/{new_name}"] = doc.parts[name]
            own_rels = f"word/_rels/{Path(target).name}.rels"
            if own_rels in doc.parts:
                new_parts[f"word/_rels/{new_name}.rels"] = doc.parts[own_rels]
            new_rid = f"rIdAsistents{n}x{rid}"
            reltype = re.search(rf'<Relationship\b[^>]*Id="{re.escape(rid)}"[^>]*>', rels).group(0)
            reltype = re.search(r'Type="([^"]+)"', reltype).group(1)
            new_rels.append(f'<Relationship Id="{new_rid}" Type="{reltype}" Target="{new_name}"/>')
            ct = re.search(rf'<Override\b[^>]*PartName="/word/{re.escape(target)}"[^>]*ContentType="([^"]+)"', ctypes)
            if ct:
                new_overrides.append(f'<Override PartName="/word/{new_name}" ContentType="{ct.group(1)}"/>')
            remap[rid] = new_rid
        if remap:
            inner = _HF_REF.sub(lambda m: m.group(1) + remap.get(m.group(2), m.group(2)) + m.group(3), inner)
        # the letter's first section restarts page numbers and starts on a new page
        first_sect = _SECT.search(inner)
        sect = first_sect.group(0)
        sect = re.sub(r"<w:type\b[^>]*/>", "", sect)
        if "<w:pgNumType" in sect:
            sect = re.sub(r"<w:pgNumType\b([^>]*?)(/?)>", _restart_numbering, sect, count=1)
        else:
            sect = sect.replace("</w:sectPr>", '<w:pgNumType w:start="1"/></w:sectPr>', 1)
        inner = inner[:first_sect.start()] + sect + inner[first_sect.end():]
        mark = (f'<w:bookmarkStart w:id="{900000 + n}" w:name="{_DEST_PREFIX}{n:05d}"/>'
                f'<w:bookmarkEnd w:id="{900000 + n}"/>')
        inner = re.sub(r"(<w:p(?=[ >])[^>]*>(?:<w:pPr>.*?</w:pPr>|<w:pPr/>)?)", lambda m: m.group(1) + mark,
                       inner, count=1, flags=re.S)
        if n < len(docs) - 1:
            # the body's final sectPr becomes a section break: carried by a paragraph of its own
            last = list(_SECT.finditer(inner))[-1]
            inner = inner[:last.start()] + f"<w:p><w:pPr>{last.group(0)}</w:pPr></w:p>" + inner[last.end():]
        bodies.append(inner)
    parts = dict(first)
    parts["word/document.xml"] = (prefix + "".join(bodies) + suffix).encode("utf-8")
    if new_rels:
        parts[rels_name] = rels.replace("</Relationships>", "".join(new_rels) + "</Relationships>").encode()
        parts["[Content_Types].xml"] = ctypes.replace("</Types>", "".join(new_overrides) + "</Types>").encode()
    parts.update(new_parts)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        z.writestr("[Content_Types].xml", parts.pop("[Content_Types].xml"))
        for name, data in parts.items():
            z.writestr(name, data)
    return buf.getvalue()


def _restart_numbering(m: re.Match) -> str:
    attrs = re.sub(r' w:start="[^"]*"', "", m.group(1))
    return f'<w:pgNumType{attrs} w:start="1"{m.group(2)}>'


def _letter_starts(pdf: pypdf.PdfReader, count: int) -> list[int]:
    starts: dict[int, int] = {}
    for name, dest in pdf.named_destinations.items():
        m = re.fullmatch(rf"/?{_DEST_PREFIX}(\d+)", str(name))
        if m:
            starts[int(m.group(1))] = pdf.get_destination_page_number(dest)
    pages = [starts.get(i, -1) for i in range(count)]
    if pages[:1] != [0] or any(b <= a for a, b in zip(pages, pages[1:])) or pages[-1] >= len(pdf.pages):
        raise ConversionError(f"letter boundaries not found in the joined PDF ({len(starts)} of {count})")
    return pages


# ---------------------------------------------------------------------------------------------- the pool
class PdfConverter:
    """A pool of LibreOffice workers, each with its own profile, for converting many documents.

    >>> # with PdfConverter(workers=2) as pc: results = pc.convert(paths, out_dir)
    """

    def __init__(self, *, workers: int = 2, pdfa: bool = False, timeout: float = 120.0,
                 per_document_timeout: float = 5.0, batch_size: int = 100, join: bool = True,
                 join_size: int = 20, workdir: str | Path | None = None):
        if not 1 <= batch_size <= 200:
            raise ValueError("batch_size must be 1..200 (LibreOffice drops files silently in larger batches)")
        self.workers, self.pdfa, self.timeout = workers, pdfa, timeout
        self.per_document_timeout, self.batch_size = per_document_timeout, batch_size
        self.join, self.join_size = join and not pdfa, join_size
        self._workdir_arg = workdir
        self._root: Path | None = None
        self._profiles: queue.Queue[Path] = queue.Queue()
        self._pool: ThreadPoolExecutor | None = None
        self._seq = 0
        self._lock = threading.Lock()

    def __enter__(self) -> "PdfConverter":
        self._root = Path(tempfile.mkdtemp(prefix="asistents-pdf-", dir=self._workdir_arg))
        for i in range(self.workers):
            profile = self._root / f"profile{i}"
            profile.mkdir()
            self._profiles.put(profile)
        self._pool = ThreadPoolExecutor(self.workers, thread_name_prefix="soffice")
        return self

    def __exit__(self, *exc) -> None:
        if self._pool:
            self._pool.shutdown(wait=True)
        if self._root:
            shutil.rmtree(self._root, ignore_errors=True)
        self._root = self._pool = None

    # ---------------------------------------------------------------- public
    def convert(self, docx_paths: Iterable[str | Path], out_dir: str | Path | None = None, *,
                targets: Sequence[str | Path] | None = None) -> list[ConversionResult]:
        """Convert every DOCX; results in input order. PDFs go to `out_dir/<stem>.pdf`, or to `targets`."""
        if self._pool is None:
            raise RuntimeError("use PdfConverter as a context manager")
        sources = [Path(p) for p in docx_paths]
        if targets is None:
            if out_dir is None:
                raise ValueError("out_dir or targets is required")
            targets = [Path(out_dir) / f"{p.stem}.pdf" for p in sources]
        docs = [_Doc(i, s, Path(t)) for i, (s, t) in enumerate(zip(sources, targets, strict=True))]
        results: dict[int, ConversionResult] = {}
        joined_groups: dict[str, list[_Doc]] = {}
        singles: list[_Doc] = []
        for doc in docs:
            key = None
            if self.join:
                try:
                    with zipfile.ZipFile(doc.source) as z:
                        doc.parts = {n: z.read(n) for n in z.namelist()}
                    key = _group_key(doc.parts)
                except (OSError, zipfile.BadZipFile, KeyError, UnicodeDecodeError):
                    key = None
            (joined_groups.setdefault(key, []) if key else singles).append(doc)
        jobs = []
        for group in joined_groups.values():
            if len(group) == 1:
                singles.extend(group)
                continue
            # one soffice call per job converts several joined files of ≤ join_size letters each
            size = max(2, min(self.batch_size, -(-len(group) // self.workers)))
            jobs += [self._pool.submit(self._joined_job, group[i:i + size]) for i in range(0, len(group), size)]
        singles.sort(key=lambda d: d.index)
        size = max(1, min(self.batch_size, -(-len(singles) // self.workers))) if singles else 1
        jobs += [self._pool.submit(self._batch_job, singles[i:i + size]) for i in range(0, len(singles), size)]
        for job in jobs:
            for r in job.result():
                results[r[0]] = r[1]
        for doc in docs:
            doc.parts = {}
        return [results[d.index] for d in docs]

    # ---------------------------------------------------------------- jobs
    def _job_dir(self) -> Path:
        with self._lock:
            self._seq += 1
            seq = self._seq
        d = self._root / f"job{seq}"
        d.mkdir()
        return d

    def _soffice(self, files: Sequence[Path], outdir: Path, *, destinations: bool = False) -> tuple[int, str]:
        profile = self._profiles.get()
        try:
            return _run_soffice(profile, files, outdir, filt=export_filter(pdfa=self.pdfa, destinations=destinations),
                                timeout=self.timeout + self.per_document_timeout * len(files))
        finally:
            self._profiles.put(profile)

    def _joined_job(self, docs: list[_Doc]) -> list[tuple[int, ConversionResult]]:
        """Join `docs` into files of ≤ join_size letters, convert them all in one soffice call, split each
        at its letters' destinations. A file that fails (or whose letters cannot be found) falls back to
        converting its letters as separate files."""
        work = self._job_dir()
        per_file = max(2, min(self.join_size, len(docs)))
        chunks = [docs[i:i + per_file] for i in range(0, len(docs), per_file)]
        out: list[tuple[int, ConversionResult]] = []
        failed: list[_Doc] = []
        try:
            files = []
            for c, chunk in enumerate(chunks):
                path = work / f"joined{c:03d}.docx"
                try:
                    path.write_bytes(_join(chunk))
                except (ValueError, KeyError, AttributeError, UnicodeDecodeError):
                    failed += chunk
                    continue
                files.append((path, chunk))
            code, log = self._soffice([f for f, _ in files], work, destinations=True) if files else (0, "")
            for path, chunk in files:
                try:
                    out += self._split(path.with_suffix(".pdf"), chunk)
                except (ConversionError, OSError, ValueError, KeyError, AttributeError, pypdf.errors.PyPdfError):
                    # a crash, a timeout or a join this set does not survive: convert these letters as files
                    failed += chunk
        finally:
            shutil.rmtree(work, ignore_errors=True)
        if failed:
            out += self._batch_job(failed)
        return out

    def _split(self, pdf_path: Path, docs: list[_Doc]) -> list[tuple[int, ConversionResult]]:
        check_pdf(pdf_path)
        reader = pypdf.PdfReader(pdf_path)
        starts = _letter_starts(reader, len(docs)) + [len(reader.pages)]
        info = {k: v for k, v in (reader.metadata or {}).items() if isinstance(v, str)}
        parts = []
        for n, doc in enumerate(docs):
            writer = pypdf.PdfWriter()
            for page in range(starts[n], starts[n + 1]):
                writer.add_page(reader.pages[page])
            if info:
                writer.add_metadata(info)
            buf = io.BytesIO()
            writer.write(buf)
            parts.append((doc, buf.getvalue(), starts[n + 1] - starts[n]))
        out = []
        for doc, data, pages in parts:  # written only once the whole file split cleanly
            atomic.write_bytes(doc.target, data)
            out.append((doc.index, ConversionResult(doc.source, doc.target, pages, "joined")))
        return out

    def _batch_job(self, docs: list[_Doc]) -> list[tuple[int, ConversionResult]]:
        out: dict[int, ConversionResult] = {}
        for i in range(0, len(docs), self.batch_size):
            chunk = docs[i:i + self.batch_size]
            self._convert_files(chunk, out, "batch")
        for doc in docs:  # whatever is missing after the batch: one at a time
            if doc.index not in out or not out[doc.index].ok:
                self._convert_files([doc], out, "single")
        return [(d.index, out[d.index]) for d in docs]

    def _convert_files(self, docs: list[_Doc], out: dict[int, ConversionResult], method: str) -> None:
        work = self._job_dir()
        try:
            inputs = []
            for n, doc in enumerate(docs):
                link = work / f"d{n:05d}.docx"  # own names: no clashes between equal stems, no odd characters
                try:
                    link.symlink_to(doc.source.resolve())
                except OSError as e:
                    out[doc.index] = ConversionResult(doc.source, None, method=method, error=str(e))
                    continue
                inputs.append((link, doc))
            if not inputs:
                return
            code, log = self._soffice([l for l, _ in inputs], work)
            for link, doc in inputs:
                pdf = link.with_suffix(".pdf")
                try:
                    pages = check_pdf(pdf)
                except ConversionError as e:
                    reason = str(e).replace(pdf.name, doc.source.name)
                    if code in (-9, 127):
                        reason += f" ({log})"
                    elif code != 0:
                        reason += f" (LibreOffice exit code {code})"
                    if "could not be loaded" in log and method == "single":
                        reason = f"{doc.source.name}: LibreOffice could not load the document (corrupt DOCX?)"
                    out[doc.index] = ConversionResult(doc.source, None, method=method, error=reason)
                    continue
                with atomic.replacing(doc.target) as tmp:
                    shutil.copyfile(pdf, tmp)
                out[doc.index] = ConversionResult(doc.source, doc.target, pages, method)
        finally:
            shutil.rmtree(work, ignore_errors=True)


def convert(docx_paths: Iterable[str | Path], out_dir: str | Path, *, pdfa: bool = False, workers: int = 2,
            timeout: float = 120.0, join: bool = True) -> list[ConversionResult]:
    """Convert DOCX files to `out_dir/<stem>.pdf` with a pool of `workers` LibreOffice processes."""
    with PdfConverter(workers=workers, pdfa=pdfa, timeout=timeout, join=join) as pc:
        return pc.convert(docx_paths, out_dir)


def convert_one(docx_path: str | Path, pdf_path: str | Path, *, pdfa: bool = False,
                timeout: float = 120.0) -> ConversionResult:
    """One document, one LibreOffice process (the simple path, and the baseline of the benchmark)."""
    with PdfConverter(workers=1, pdfa=pdfa, timeout=timeout, join=False) as pc:
        return pc.convert([docx_path], targets=[pdf_path])[0]
