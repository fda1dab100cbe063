"""Parsing untrusted files in a child process with CPU, address-space and wall-time limits.

The child is a separate Python interpreter (`python -m parser.sandbox`), the leader of its own process group,
so a timeout kills it together with any Tesseract it started. Its life is tied to its parent's: the kernel
kills it when the thread that started it dies (Linux's parent-death signal), and a small guardian it forks
first kills its whole group (Tesseract included: the death signal is not inherited) when the parent's end of a
private pipe closes — so no reader outlives a watcher killed with SIGKILL. It reads one JSON request per line on stdin and
answers one JSON line per file (`{"result": …}` or `{"error": …}`) on a private copy of its stdout (anything
a library prints goes to stderr).
A `Sandbox` keeps one child for a batch and starts a fresh one after any failure: the next file still parses.

Per-file CPU is bounded by lowering the child's own RLIMIT_CPU soft limit to "used so far + budget" before
each file (the kernel sends SIGXCPU past it); memory by RLIMIT_AS for the whole child; wall time by the parent.
"""
from __future__ import annotations

import ctypes
import json
import os
import resource
import select
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from parser.errors import error
from parser.result import Limits, ParseError, ParseResult

_EOF = b"\0eof"  # the child closed its answers: it died
_RESULT = b'{"result":'  # an answer line that holds a ParseResult: {"result":<its JSON>}
_CHILD_ENV = {"OMP_THREAD_LIMIT": "1", "OPENBLAS_NUM_THREADS": "1", "OPENCV_FOR_THREADS_NUM": "1"}


_PR_SET_PDEATHSIG = 1  # <linux/prctl.h>
_LIBC = ctypes.CDLL(None, use_errno=True)  # looked up in the parent: the child between fork and exec only calls
# Signals a person or a service manager sends (never the limits): a child stopped by one is not its file's fault.
_OUTSIDE_SIGNALS = {-signal.SIGTERM, -signal.SIGINT, -signal.SIGHUP, -signal.SIGQUIT}


class SandboxInterrupted(RuntimeError):
    """The child was stopped from outside (SIGTERM, SIGINT, SIGHUP, SIGQUIT) while reading a file: nothing is
    known about the file, which is to be read again — not a `ParseError`."""


class SandboxBroken(RuntimeError):
    """The reader cannot start on this machine (a module missing from the installation): not the file's fault,
    so the file is retried later, never quarantined."""


def _limit_child(memory_bytes: int, parent: int) -> None:  # runs in the child between fork and exec
    os.setpgid(0, 0)
    # Killed with SIGKILL when the thread that forked it dies. The parent may have died before this call (the
    # death signal would then never come): the child is an orphan already, and leaves.
    _LIBC.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:
        os._exit(1)
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


class Sandbox:
    """A reusable child process that parses files one at a time under `limits`.

    >>> with Sandbox() as box:  # doctest: +SKIP
    ...     result = box.parse("form.pdf")
    """

    def __init__(self, limits: Limits | None = None):
        self.limits = limits or Limits()
        self._proc: subprocess.Popen[bytes] | None = None
        self._buffer = b""
        self._stderr: Any = None
        self._life: int | None = None  # the write end of the guardian's pipe; closing it ends the child's group

    # -- lifecycle
    def _start(self) -> subprocess.Popen[bytes]:
        env = {**os.environ, **_CHILD_ENV}
        root = str(Path(__file__).resolve().parent.parent)
        env["PYTHONPATH"] = root + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
        memory = self.limits.memory_bytes
        if self._stderr is not None:
            self._stderr.close()
        # The child's stderr goes to a temporary file: its last lines tell a memory failure from a crash.
        self._stderr = tempfile.TemporaryFile()
        self._close_life()
        life_r, life_w = os.pipe()  # both ends close-on-exec: only this child gets the read end (pass_fds)
        parent = os.getpid()
        try:
            self._proc = subprocess.Popen(
                [sys.executable, "-m", "parser.sandbox", str(life_r)], stdin=subprocess.PIPE,
                stdout=subprocess.PIPE, stderr=self._stderr, env=env, cwd=root, pass_fds=(life_r,),
                preexec_fn=lambda: _limit_child(memory, parent),
            )
        except BaseException:
            os.close(life_w)
            raise
        finally:
            os.close(life_r)
        self._life = life_w
        self._buffer = b""
        return self._proc

    def _close_life(self) -> None:
        life, self._life = self._life, None
        if life is not None:
            os.close(life)

    def close(self) -> None:
        proc, self._proc = self._proc, None
        if self._stderr is not None:
            self._stderr.close()
            self._stderr = None
        if proc is None:
            self._close_life()
            return
        try:
            if proc.poll() is None and proc.stdin:
                proc.stdin.close()  # the child's loop ends at end of input
                try:
                    proc.wait(timeout=2)
                except subprocess.TimeoutExpired:
                    pass
        finally:
            self._kill(proc)
            self._close_life()

    @staticmethod
    def _kill(proc: subprocess.Popen[bytes]) -> None:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            pass
        for stream in (proc.stdin, proc.stdout):
            if stream:
                try:
                    stream.close()
                except OSError:
                    pass

    def __enter__(self) -> "Sandbox":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    # -- one file
    def parse(self, path: str | os.PathLike[str]) -> ParseResult:
        """Parse one file in the child; raise `ParseError` for files that cannot be read."""
        # A name whose bytes are not UTF-8 (surrogate escapes) is shown with \xNN: the answers are UTF-8 JSON.
        name = os.fsencode(path).decode("utf-8", "backslashreplace")
        request = {"path": os.path.abspath(path), "name": name, "limits": self.limits.__dict__}
        for fresh in (False, True):
            proc = self._proc if self._proc and self._proc.poll() is None and not fresh else self._start()
            try:
                assert proc.stdin is not None
                proc.stdin.write((json.dumps(request) + "\n").encode())
                proc.stdin.flush()
                break
            except OSError:  # the child died before it saw this file (e.g. killed while idle): not the file's doing
                self._kill(proc)
                self._proc = None
                if fresh:
                    raise SandboxInterrupted(f"no reader could be started for {name}") from None
        line = self._read_line(proc, self.limits.wall_seconds)
        if line is None or line is _EOF:  # timed out or died: this child is finished
            code = None
            if line is _EOF:
                try:
                    code = proc.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    pass
            tail = self._stderr_tail()
            self._kill(proc)
            self._proc = None
            if line is None:
                raise error("timeout", name, detail=f"wall time over {self.limits.wall_seconds:g} s")
            if code in _OUTSIDE_SIGNALS:
                raise SandboxInterrupted(f"the reader of {name} was stopped by signal {-code} from outside")
            if code in (-signal.SIGXCPU, -signal.SIGKILL):
                raise error("timeout", name, detail=f"CPU time over {self.limits.cpu_seconds} s")
            if "ModuleNotFoundError" in tail or "ImportError" in tail:  # our installation, not the file
                raise SandboxBroken(f"the reader could not start ({tail.strip().splitlines()[-1][:200]}); "
                                    "run scripts/setup again — the file stays in the inbox")
            if any(sign in tail for sign in ("MemoryError", "bad_alloc", "Cannot allocate", "out of memory")):
                raise error("memory", name, detail=f"over {self.limits.memory_bytes // 2 ** 20} MiB")
            raise error("crashed", name, detail=f"exit status {code}")
        if line.startswith(_RESULT) and line.endswith(b"}"):
            # The result's own JSON, validated straight from the bytes: the child's answer is untrusted input.
            try:
                return ParseResult.model_validate_json(line[len(_RESULT):-1])
            except ValidationError as e:
                self._kill(proc)
                self._proc = None
                raise error("crashed", name, detail=f"the sandbox answered an invalid result: {e}"[:300]) from None
        answer = json.loads(line)  # not a result: an error (the child writes nothing else)
        err = ParseError.from_dict(answer["error"])
        if err.code in ("memory", "crashed"):  # its heap may be in a bad state: start afresh next time
            self._kill(proc)
            self._proc = None
        raise err

    def _stderr_tail(self) -> str:
        if self._stderr is None:
            return ""
        try:
            self._stderr.seek(0, os.SEEK_END)
            size = self._stderr.tell()
            self._stderr.seek(max(0, size - 4096))
            return self._stderr.read().decode("utf-8", errors="replace")
        except OSError:
            return ""

    def _read_line(self, proc: subprocess.Popen[bytes], timeout: float) -> bytes | None:
        """The child's next answer line; None when the wall time ran out; `_EOF` when the child is gone."""
        assert proc.stdout is not None
        fd = proc.stdout.fileno()
        deadline = time.monotonic() + timeout
        while b"\n" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            ready, _, _ = select.select([fd], [], [], left)
            if not ready:
                return None
            chunk = os.read(fd, 1 << 16)
            if not chunk:
                return _EOF
            self._buffer += chunk
        line, self._buffer = self._buffer.split(b"\n", 1)
        return line


def parse_in_sandbox(path: str | os.PathLike[str], limits: Limits | None = None) -> ParseResult:
    """Parse one file in a fresh child process."""
    with Sandbox(limits) as box:
        return box.parse(path)


# ---------------------------------------------------------------- the child


def _guard(life: int) -> None:
    """Fork the guardian: it waits for the end of file on `life` (the parent never writes; its end closes when
    it closes this sandbox or dies) and then kills this process group — the reader and anything it started."""
    if os.fork():
        os.close(life)
        return
    try:  # the guardian holds none of the reader's pipes: the parent must see the reader's answers end with it
        os.closerange(0, life)
        os.closerange(life + 1, 1 << 16)
        while os.read(life, 1 << 12):
            pass
    finally:
        os.killpg(0, signal.SIGKILL)
        os._exit(0)


def _serve() -> None:
    if len(sys.argv) > 1:
        _guard(int(sys.argv[1]))
    # Keep a private copy of stdout for answers; whatever a library prints goes to stderr instead.
    out = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)
    from parser.read import parse_bytes_unsandboxed  # imported here: only the child pays for OpenCV etc.

    hard = resource.getrlimit(resource.RLIMIT_CPU)[1]
    for line in sys.stdin:
        if not line.strip():
            continue
        request = json.loads(line)
        limits = Limits(**request["limits"])
        usage = resource.getrusage(resource.RUSAGE_SELF)
        soft = int(usage.ru_utime + usage.ru_stime) + limits.cpu_seconds
        resource.setrlimit(resource.RLIMIT_CPU, (soft if hard == resource.RLIM_INFINITY else min(soft, hard), hard))
        name = request["name"]
        try:
            data = _read(request["path"], name, limits)
            result = parse_bytes_unsandboxed(data, name, limits=limits)
            # Written as is: parsing and dumping it again cost ~3 ms per timesheet here, a third of the parse.
            out.write(_RESULT.decode() + result.model_dump_json() + "}\n")
            out.flush()
            continue
        except ParseError as e:
            answer: dict[str, Any] = {"error": e.to_dict()}
        except MemoryError:
            answer = {"error": error("memory", name).to_dict()}
        except RecursionError:
            answer = {"error": error("damaged", name, detail="nesting too deep").to_dict()}
        except (ImportError, NameError) as e:  # our installation, not the file: say so
            answer = {"error": error("crashed", name, detail=f"{type(e).__name__}: {e}"[:300]).to_dict()}
        except Exception as e:  # a library failing on a hostile file: report it, keep the batch going
            answer = {"error": error("damaged", name, detail=f"{type(e).__name__}: {e}"[:300]).to_dict()}
        out.write(json.dumps(answer, ensure_ascii=False) + "\n")
        out.flush()


def _read(path: str, name: str, limits: Limits) -> bytes:
    try:
        size = os.path.getsize(path)
        if size > limits.max_bytes:
            raise error("too_large", name, detail=f"{size} bytes, the limit is {limits.max_bytes}")
        with open(path, "rb") as f:
            return f.read()
    except (FileNotFoundError, PermissionError, IsADirectoryError) as e:
        raise error("not_found", name, detail=type(e).__name__) from None


if __name__ == "__main__":
    _serve()
