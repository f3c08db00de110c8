"""Reporting a run to the LORIS API from a training pod (the Kubernetes training backend, issue 15).

Opt-in: with LORIS_REPORT_URL (the API's base URL), LORIS_REPORT_TOKEN (a token scoped to this one run) and
LORIS_RUN_ID set, every JSON line `train.emit` prints is also POSTed to
`{LORIS_REPORT_URL}/v1/training-runs/{run}/events`, in small batches from a background thread: emitting
only appends to a queue, so training never waits on the network; a failed POST is retried with a growing
pause, and what is still queued is sent at exit (for a bounded time). With LORIS_REPORT_EXPORT set too, the
`done` event exports the final checkpoint there (ONNX + model.json) and uploads it as one tar to
`/v1/training-runs/{run}/export.tar`, which the backend fetches to register the model.

`python -m loris_trainer.report fetch-dataset --run ID --out DIR [--checkpoint SHA256 --checkpoint-out FILE]`
(the Job's init container) downloads the run's dataset version (`/v1/training-runs/{run}/dataset.tar`, the
trainer's manifest export) into DIR and, for a resumed run, its stored checkpoint
(`/v1/training-runs/{run}/checkpoint.pt?sha256=`) into FILE, its hash checked.

urllib only: the images carry no HTTP library, and these few requests do not need one."""

import argparse
import atexit
import hashlib
import json
import math
import os
import shutil
import socket
import sys
import tarfile
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Callable, List, Optional

BATCH_EVENTS = 50  # events per POST: well under the API's 1 MB JSON body limit
FLUSH_SECONDS = 1.0  # a lone event waits at most this long before it is sent
MAX_QUEUED = 10_000  # beyond this (the API away for long), the oldest step events are dropped first
EXIT_FLUSH_SECONDS = 30.0  # how long the process may wait at exit for what is still queued
REQUEST_TIMEOUT = 30.0


class ReportError(Exception):
    """A request the API refused or that kept failing; the message says which and why. `refused`: the API
    answered with a final 4xx (a wrong or expired token, an ended run), so trying again is pointless."""

    def __init__(self, message: str, refused: bool = False):
        super().__init__(message)
        self.refused = refused


def _log(message: str) -> None:
    print(f"report: {message}", file=sys.stderr, flush=True)


def _request(url: str, token: str, method: str = "GET", body: Optional[bytes] = None,
             content_type: Optional[str] = None, length: Optional[int] = None, data_file=None,
             timeout: float = REQUEST_TIMEOUT):
    headers = {"Authorization": f"Bearer {token}", "User-Agent": "loris-trainer"}
    if content_type:
        headers["Content-Type"] = content_type
    if length is not None:
        headers["Content-Length"] = str(length)
    request = urllib.request.Request(url, data=data_file if data_file is not None else body, method=method,
                                     headers=headers)
    return urllib.request.urlopen(request, timeout=timeout)


def _retryable(error: Exception) -> bool:
    """Network trouble, a busy or restarting API (429, 5xx): worth another try. Other refusals are final."""
    if isinstance(error, urllib.error.HTTPError):
        return error.code == 429 or error.code >= 500
    return isinstance(error, (urllib.error.URLError, OSError, TimeoutError))


def _describe(error: Exception) -> str:
    if isinstance(error, urllib.error.HTTPError):
        try:
            # The API's refusals: {"errors": [{"message": ..., "extensions": {"code": ...}}]}.
            answer = json.loads(error.read().decode("utf-8", "replace"))
            detail = "; ".join(e.get("message", "") for e in answer.get("errors", [])) or answer.get("message", "")
        except Exception:  # noqa: BLE001 - any body at all, or none
            detail = ""
        return f"HTTP {error.code}{': ' + detail if detail else ''}"
    return str(getattr(error, "reason", error))


def with_retries(action: Callable[[], object], what: str, attempts: int = 5, first_pause: float = 1.0,
                 sleep: Callable[[float], None] = time.sleep):
    pause = first_pause
    for attempt in range(1, attempts + 1):
        try:
            return action()
        except Exception as error:  # noqa: BLE001 - classified below
            if not _retryable(error) or attempt == attempts:
                # The token or the run (401, 403, 404, 409): nothing later will be accepted either.
                refused = isinstance(error, urllib.error.HTTPError) and error.code in (401, 403, 404, 409)
                raise ReportError(f"{what} failed: {_describe(error)}", refused) from None
            _log(f"{what}: {_describe(error)}; retrying in {pause:.0f} s")
            sleep(pause)
            pause = min(pause * 2, 30.0)


class Reporter:
    """Sends events to the API from a daemon thread, in batches, without ever blocking the caller."""

    def __init__(self, base_url: str, token: str, run_id: str, batch: int = BATCH_EVENTS,
                 flush_seconds: float = FLUSH_SECONDS, max_queued: int = MAX_QUEUED, attempts: int = 5,
                 first_pause: float = 1.0):
        self.url = f"{base_url.rstrip('/')}/v1/training-runs/{run_id}/events"
        self.token = token
        self.batch = batch
        self.flush_seconds = flush_seconds
        self.max_queued = max_queued
        self.attempts = attempts
        self.first_pause = first_pause
        self.queue: List[dict] = []
        self.dropped = 0
        self.sent = 0
        self.refused: Optional[str] = None  # set once the API refuses for good (token, run ended)
        self.lock = threading.Condition()
        self.closing = False
        self.thread = threading.Thread(target=self._loop, name="loris-report", daemon=True)
        self.thread.start()

    def submit(self, event: dict) -> None:
        if not _finite(event):
            # JSON has no NaN: the API would refuse the whole batch. A diverged step stays in the pod's log.
            self.dropped += 1
            return
        with self.lock:
            if self.refused or self.closing:
                return
            self.queue.append(event)
            if len(self.queue) > self.max_queued:
                # Keep lifecycle events (checkpoint, done, val); drop the oldest step point.
                for i, queued in enumerate(self.queue):
                    if queued.get("event") == "step":
                        del self.queue[i]
                        self.dropped += 1
                        break
            if len(self.queue) >= self.batch:
                self.lock.notify()

    def _take(self) -> List[dict]:
        with self.lock:
            deadline = time.monotonic() + self.flush_seconds
            while not self.closing and len(self.queue) < self.batch:
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                self.lock.wait(left)
            taken, self.queue = self.queue[: self.batch], self.queue[self.batch:]
            return taken

    def _loop(self) -> None:
        while True:
            batch = self._take()
            if batch:
                self._send(batch)
            with self.lock:
                if self.closing and (not self.queue or self.refused):
                    return

    def _send(self, batch: List[dict]) -> None:
        body = json.dumps({"events": batch}).encode("utf-8")

        def post():
            with _request(self.url, self.token, "POST", body, "application/json"):
                pass

        try:
            with_retries(post, f"POST {len(batch)} events", self.attempts, self.first_pause)
            self.sent += len(batch)
        except ReportError as error:
            cause = str(error)
            if error.refused:  # the token or the run: nothing later will be accepted either
                with self.lock:
                    self.refused = cause
                    self.queue.clear()
                _log(f"{cause}; no more events will be reported (training goes on)")
            else:
                _log(f"{cause}; {len(batch)} events lost (training goes on)")

    def close(self, timeout: float = EXIT_FLUSH_SECONDS) -> None:
        """Sends what is queued, waiting at most `timeout` seconds."""
        with self.lock:
            self.closing = True
            self.lock.notify()
        self.thread.join(timeout)
        if self.thread.is_alive():
            _log(f"exit: {len(self.queue)} events still unsent after {timeout:.0f} s")
        if self.dropped:
            _log(f"{self.dropped} events were not reported (not finite, or dropped while the API was away)")


def _finite(event: dict) -> bool:
    return all(math.isfinite(v) for v in event.values() if isinstance(v, float))


_reporter: Optional[Reporter] = None
_reporter_lock = threading.Lock()


def _env() -> Optional[tuple]:
    url, token, run = (os.environ.get(k) for k in ("LORIS_REPORT_URL", "LORIS_REPORT_TOKEN", "LORIS_RUN_ID"))
    return (url, token, run) if url and token and run else None


def reporter() -> Optional[Reporter]:
    """The process's reporter, started on first use when the environment asks for one."""
    global _reporter
    if _reporter is None and _env():
        with _reporter_lock:
            if _reporter is None:
                url, token, run = _env()
                _reporter = Reporter(url, token, run)
                atexit.register(_reporter.close)
    return _reporter


def emitted(event: dict) -> None:
    """The hook in train.emit: reports the event; after `done`, exports and uploads the model."""
    current = reporter()
    if current is None:
        return
    current.submit(event)
    export_dir = os.environ.get("LORIS_REPORT_EXPORT")
    if event.get("event") == "done" and export_dir:
        try:
            export_and_upload(event["checkpoint"], export_dir)
        except Exception as error:  # noqa: BLE001 - reported; the run's outcome says no export arrived
            _log(f"the trained model was not uploaded: {error}")
            current.submit({"event": "error", "code": "EXPORT_UPLOAD_FAILED", "message": str(error)})


def export_and_upload(checkpoint: str, export_dir: str) -> None:
    from .export import export_checkpoint

    export_checkpoint(checkpoint, export_dir)
    url, token, run = _env()
    upload_export(url, token, run, export_dir)


def upload_export(base_url: str, token: str, run_id: str, folder: str, attempts: int = 5,
                  first_pause: float = 1.0) -> None:
    """The export folder as one tar (model.json first), POSTed to the run's export route."""
    folder_path = Path(folder)
    if not (folder_path / "model.json").is_file():
        raise ReportError(f"{folder} has no model.json to upload")
    url = f"{base_url.rstrip('/')}/v1/training-runs/{run_id}/export.tar"
    with tempfile.TemporaryDirectory(prefix="loris-export-") as tmp:
        archive = Path(tmp) / "export.tar"
        with tarfile.open(archive, "w", format=tarfile.PAX_FORMAT) as tar:
            names = sorted(p.name for p in folder_path.iterdir() if p.is_file())
            for name in ["model.json"] + [n for n in names if n != "model.json"]:
                tar.add(folder_path / name, arcname=name)
        size = archive.stat().st_size

        def post():
            with open(archive, "rb") as body:
                with _request(url, token, "POST", content_type="application/x-tar", length=size,
                              data_file=body, timeout=600):
                    pass

        with_retries(post, f"upload of the exported model ({size} bytes)", attempts, first_pause)


def fetch_dataset(base_url: str, token: str, run_id: str, out: str, attempts: int = 5,
                  first_pause: float = 1.0) -> bool:
    """Unpacks the run's dataset version into `out`; False when it is there already (a finished copy).

    Several pods may fetch the same version at once onto the shared volume: each unpacks into its own folder
    beside `out` and renames it into place; the first rename wins and the others discard theirs."""
    target = Path(out)
    if (target / "manifest.jsonl").is_file():
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    url = f"{base_url.rstrip('/')}/v1/training-runs/{run_id}/dataset.tar"
    part = Path(tempfile.mkdtemp(prefix=f".{target.name}.{socket.gethostname()}.", dir=target.parent))
    try:
        def download():
            shutil.rmtree(part, ignore_errors=True)
            part.mkdir()
            with _request(url, token, timeout=600) as response:
                _extract(response, part)

        with_retries(download, f"download of the dataset ({url})", attempts, first_pause)
        if not (part / "manifest.jsonl").is_file():
            raise ReportError("the dataset tar has no manifest.jsonl")
        try:
            os.rename(part, target)
        except OSError:
            if not (target / "manifest.jsonl").is_file():
                raise
            return False  # another pod finished first: its copy is the same frozen version
        return True
    finally:
        shutil.rmtree(part, ignore_errors=True)


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def fetch_checkpoint(base_url: str, token: str, run_id: str, sha256: str, out: str, attempts: int = 5,
                     first_pause: float = 1.0) -> bool:
    """The stored checkpoint the run resumes from, at `out`, its sha256 checked; False when it is there."""
    target = Path(out)
    if target.is_file() and _file_sha256(target) == sha256:
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    url = f"{base_url.rstrip('/')}/v1/training-runs/{run_id}/checkpoint.pt?sha256={sha256}"
    part = target.with_name(f".{target.name}.{socket.gethostname()}.{os.getpid()}")
    try:
        def download():
            digest = hashlib.sha256()
            with _request(url, token, timeout=600) as response, open(part, "wb") as f:
                for block in iter(lambda: response.read(1 << 20), b""):
                    digest.update(block)
                    f.write(block)
            if digest.hexdigest() != sha256:
                raise ReportError(f"the checkpoint downloaded has sha256 {digest.hexdigest()}, not {sha256}")

        with_retries(download, f"download of checkpoint {sha256[:12]}", attempts, first_pause)
        os.replace(part, target)
        return True
    finally:
        if part.exists():
            part.unlink()


def _extract(stream, into: Path) -> None:
    """A streamed tar of plain files and folders, nothing outside `into` (no links, no absolute paths)."""
    root = into.resolve()
    with tarfile.open(fileobj=stream, mode="r|") as tar:
        for member in tar:
            destination = (root / member.name).resolve()
            if not (member.isfile() or member.isdir()) or (destination != root and root not in destination.parents):
                raise ReportError(f"the dataset tar holds {member.name!r}, which is not a plain file inside it")
            if member.isdir():
                destination.mkdir(parents=True, exist_ok=True)
                continue
            destination.parent.mkdir(parents=True, exist_ok=True)
            source = tar.extractfile(member)
            with open(destination, "wb") as target:
                shutil.copyfileobj(source, target, 1 << 20)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m loris_trainer.report",
                                     description="talk to the LORIS API from a training pod")
    sub = parser.add_subparsers(dest="command", required=True)
    fetch = sub.add_parser("fetch-dataset", help="download and unpack the run's dataset version")
    fetch.add_argument("--run", required=True)
    fetch.add_argument("--out", required=True)
    fetch.add_argument("--checkpoint", help="sha256 of a stored checkpoint to resume from")
    fetch.add_argument("--checkpoint-out", help="where to put it (with --checkpoint)")
    args = parser.parse_args(argv)
    if bool(args.checkpoint) != bool(args.checkpoint_out):
        parser.error("--checkpoint and --checkpoint-out go together")
    url, token = os.environ.get("LORIS_REPORT_URL"), os.environ.get("LORIS_REPORT_TOKEN")
    if not url or not token:
        print("error: LORIS_REPORT_URL and LORIS_REPORT_TOKEN must be set (the run's Secret)", file=sys.stderr)
        return 2
    try:
        fetched = fetch_dataset(url, token, args.run, args.out)
        print(json.dumps({"event": "dataset", "out": args.out, "fetched": fetched}), flush=True)
        if args.checkpoint:
            fetched = fetch_checkpoint(url, token, args.run, args.checkpoint, args.checkpoint_out)
            print(json.dumps({"event": "resume-checkpoint", "out": args.checkpoint_out, "fetched": fetched}),
                  flush=True)
    except ReportError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
