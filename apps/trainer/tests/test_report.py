"""The pod-side reporter (loris_trainer/report.py) against a real local HTTP server: batching, the run's
token, retries, a refusal that stops it, never blocking the caller, the dataset fetch, and the real trainer
reporting its JSON lines and uploading its exported model."""

import hashlib
import io
import json
import os
import subprocess
import sys
import tarfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from conftest import ROOT, run_env
from loris_trainer import report
from loris_trainer.report import Reporter, ReportError, fetch_checkpoint, fetch_dataset, upload_export

RUN = "0b6f2c1e-8a0e-4b5c-9a53-3f1f3c1c2d10"
TOKEN = "lrt.5d1e8c3a-1111-4222-8333-944455556666." + "A" * 43


class Api:
    """What the API received, and how it answers: `fail` holds status codes for the next requests."""

    def __init__(self):
        self.requests = []
        self.fail = []
        self.delay = 0.0
        self.dataset = b""
        self.checkpoint = b""
        self.lock = threading.Lock()


def refusal(code):
    """The API's error body (apps/api/src/server/http/error-response.ts)."""
    return json.dumps({"errors": [{"message": f"status {code}", "extensions": {"code": "X"}}]}).encode()


@pytest.fixture
def api():
    state = Api()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def _answer(self, code, body=b"{}", content_type="application/json"):
            self.send_response(code)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def _record(self, body):
            with state.lock:
                state.requests.append({"method": self.command, "path": self.path,
                                       "auth": self.headers.get("Authorization"),
                                       "type": self.headers.get("Content-Type"), "body": body})
                return state.fail.pop(0) if state.fail else None

        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            time.sleep(state.delay)
            code = self._record(body)
            if code:
                return self._answer(code, refusal(code))
            self._answer(204 if self.path.endswith("/events") else 201, b"")

        def do_GET(self):
            code = self._record(b"")
            if code:
                return self._answer(code, refusal(code))
            if "/checkpoint.pt" in self.path:
                return self._answer(200, state.checkpoint, "application/octet-stream")
            self._answer(200, state.dataset, "application/x-tar")

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    state.url = f"http://127.0.0.1:{server.server_address[1]}"
    yield state
    server.shutdown()
    server.server_close()


def posted_events(api):
    return [e for r in api.requests if r["path"].endswith("/events") for e in json.loads(r["body"])["events"]]


def test_batches_with_the_runs_token_and_flushes_at_close(api):
    reporter = Reporter(api.url, TOKEN, RUN, batch=50, flush_seconds=5)
    for step in range(120):
        reporter.submit({"event": "step", "step": step})
    reporter.close()
    assert [len(json.loads(r["body"])["events"]) for r in api.requests] == [50, 50, 20]
    assert {r["path"] for r in api.requests} == {f"/v1/training-runs/{RUN}/events"}
    assert {r["auth"] for r in api.requests} == {f"Bearer {TOKEN}"}
    assert {r["type"] for r in api.requests} == {"application/json"}
    assert [e["step"] for e in posted_events(api)] == list(range(120))


def test_a_lone_event_is_sent_within_the_flush_interval(api):
    reporter = Reporter(api.url, TOKEN, RUN, flush_seconds=0.2)
    reporter.submit({"event": "val", "step": 5, "loss": 0.5})
    deadline = time.time() + 5
    while not api.requests and time.time() < deadline:
        time.sleep(0.02)
    assert posted_events(api) == [{"event": "val", "step": 5, "loss": 0.5}]
    reporter.close()


def test_a_busy_api_is_retried_until_it_takes_the_batch(api):
    api.fail = [503, 429]
    reporter = Reporter(api.url, TOKEN, RUN, flush_seconds=0.05, first_pause=0.05)
    reporter.submit({"event": "step", "step": 1})
    reporter.close()
    assert len(api.requests) == 3
    assert posted_events(api)[-1] == {"event": "step", "step": 1}
    assert reporter.sent == 1


def test_a_refused_token_stops_reporting_but_not_training(api):
    api.fail = [401]
    reporter = Reporter(api.url, TOKEN, RUN, flush_seconds=0.05, first_pause=0.05)
    reporter.submit({"event": "step", "step": 1})
    deadline = time.time() + 5
    while reporter.refused is None and time.time() < deadline:
        time.sleep(0.02)
    assert "HTTP 401" in reporter.refused
    reporter.submit({"event": "step", "step": 2})
    reporter.close()
    assert len(api.requests) == 1  # no retry of a 401, nothing sent after it


def test_submitting_never_waits_for_a_slow_api(api):
    api.delay = 1.0
    reporter = Reporter(api.url, TOKEN, RUN, batch=10, flush_seconds=0.05)
    started = time.monotonic()
    for step in range(200):
        reporter.submit({"event": "step", "step": step})
    assert time.monotonic() - started < 0.2
    reporter.close(timeout=60)
    assert len(posted_events(api)) == 200


def test_a_full_queue_drops_step_points_first(api):
    api.delay = 0.5
    reporter = Reporter(api.url, TOKEN, RUN, batch=1000, flush_seconds=10, max_queued=5)
    reporter.submit({"event": "checkpoint", "step": 0, "path": "/work/runs/x/last.pt"})
    for step in range(10):
        reporter.submit({"event": "step", "step": step})
    assert reporter.dropped == 6
    reporter.close()
    events = posted_events(api)
    assert events[0]["event"] == "checkpoint"
    assert [e["step"] for e in events[1:]] == [6, 7, 8, 9]


def test_without_the_environment_nothing_is_reported(monkeypatch):
    for name in ("LORIS_REPORT_URL", "LORIS_REPORT_TOKEN", "LORIS_RUN_ID"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(report, "_reporter", None)
    assert report.reporter() is None
    report.emitted({"event": "step", "step": 1})  # a no-op


def tar_of(files):
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as tar:
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def test_fetch_dataset_unpacks_once_and_keeps_a_finished_copy(api, tmp_path):
    api.dataset = tar_of({"manifest.jsonl": b'{"id": "a"}\n', "audio/a.wav": b"RIFF"})
    out = tmp_path / "datasets" / "v1"
    assert fetch_dataset(api.url, TOKEN, RUN, str(out)) is True
    assert (out / "manifest.jsonl").read_bytes() == b'{"id": "a"}\n'
    assert (out / "audio" / "a.wav").read_bytes() == b"RIFF"
    assert api.requests[0]["path"] == f"/v1/training-runs/{RUN}/dataset.tar"
    assert api.requests[0]["auth"] == f"Bearer {TOKEN}"
    assert fetch_dataset(api.url, TOKEN, RUN, str(out)) is False
    assert len(api.requests) == 1
    assert sorted(p.name for p in out.parent.iterdir()) == ["v1"]  # no part folder left behind


def test_fetch_dataset_refuses_a_tar_reaching_outside_and_leaves_nothing(api, tmp_path):
    api.dataset = tar_of({"manifest.jsonl": b"{}\n", "../evil": b"x"})
    out = tmp_path / "datasets" / "v1"
    with pytest.raises(ReportError, match="not a plain file inside it"):
        fetch_dataset(api.url, TOKEN, RUN, str(out), first_pause=0.01)
    assert not (tmp_path / "datasets" / "evil").exists()
    assert list(out.parent.iterdir()) == []


def test_fetch_dataset_command_says_what_the_api_refused(api, tmp_path):
    api.fail = [403]
    env = {**run_env(), "LORIS_REPORT_URL": api.url, "LORIS_REPORT_TOKEN": TOKEN}
    done = subprocess.run([sys.executable, "-m", "loris_trainer.report", "fetch-dataset", "--run", RUN, "--out",
                           str(tmp_path / "v1")], capture_output=True, text=True, env=env, cwd=ROOT)
    assert done.returncode == 1
    assert "HTTP 403: status 403" in done.stderr


def test_upload_refuses_a_folder_without_model_json(api, tmp_path):
    with pytest.raises(ReportError, match="no model.json"):
        upload_export(api.url, TOKEN, RUN, str(tmp_path))
    assert api.requests == []


def test_the_trainer_reports_its_lines_and_uploads_its_exported_model(api, corpus, tmp_path):
    export = tmp_path / "export"
    env = {**run_env(), "LORIS_REPORT_URL": api.url, "LORIS_REPORT_TOKEN": TOKEN, "LORIS_RUN_ID": RUN,
           "LORIS_REPORT_EXPORT": str(export)}
    cmd = [sys.executable, "-m", "loris_trainer", "train", "--config", "tiny", "--set", "train.crop_samples=8192",
           "--set", "train.batch_size=2", "--set", "train.log_every=1", "--manifest", str(corpus), "--out",
           str(tmp_path / "run"), "--steps", "2", "--threads", "1"]
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=ROOT, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    printed = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    events = posted_events(api)
    # Every line emit printed arrived, in order (the exporter's own "exported" line is not an emit).
    assert events == [e for e in printed if e.get("event") != "exported"]
    assert [e["event"] for e in events][-1] == "done"
    assert {e["step"] for e in events if e["event"] == "step"} == {1, 2}
    [upload] = [r for r in api.requests if r["path"].endswith("/export.tar")]
    assert upload["path"] == f"/v1/training-runs/{RUN}/export.tar"
    assert upload["type"] == "application/x-tar"
    with tarfile.open(fileobj=io.BytesIO(upload["body"])) as tar:
        names = tar.getnames()
        card = json.loads(tar.extractfile("model.json").read())
    assert names[0] == "model.json"
    assert {"conditioner.onnx", "denoiser.onnx"} <= set(names)
    assert card["provenance"]["steps"] == 2
    assert sorted(os.listdir(export)) == sorted(names)


def test_a_refused_batch_is_lost_but_reporting_goes_on(api):
    api.fail = [400]
    reporter = Reporter(api.url, TOKEN, RUN, batch=1, flush_seconds=0.05, first_pause=0.05)
    reporter.submit({"event": "step", "step": 1, "loss": 1.0})
    deadline = time.time() + 5
    while not api.requests and time.time() < deadline:
        time.sleep(0.02)
    reporter.submit({"event": "step", "step": 2, "loss": 0.9})
    reporter.close()
    assert reporter.refused is None
    assert [json.loads(r["body"])["events"][0]["step"] for r in api.requests] == [1, 2]


def test_non_finite_metrics_are_not_sent(api):
    reporter = Reporter(api.url, TOKEN, RUN, flush_seconds=0.05)
    reporter.submit({"event": "step", "step": 1, "loss": float("nan"), "lr": 1e-4, "secondsPerStep": 0.1})
    reporter.submit({"event": "step", "step": 2, "loss": 0.5, "lr": 1e-4, "secondsPerStep": 0.1})
    reporter.close()
    assert [e["step"] for e in posted_events(api)] == [2]
    assert reporter.dropped == 1


def test_the_resume_checkpoint_is_fetched_once_and_its_hash_checked(api, tmp_path):
    api.checkpoint = b"checkpoint bytes"
    sha = hashlib.sha256(api.checkpoint).hexdigest()
    out = tmp_path / "runs" / RUN / f"resume-{sha}.pt"
    assert fetch_checkpoint(api.url, TOKEN, RUN, sha, str(out)) is True
    assert out.read_bytes() == b"checkpoint bytes"
    assert api.requests[0]["path"] == f"/v1/training-runs/{RUN}/checkpoint.pt?sha256={sha}"
    assert fetch_checkpoint(api.url, TOKEN, RUN, sha, str(out)) is False
    assert len(api.requests) == 1
    with pytest.raises(ReportError, match="not " + "0" * 64):
        fetch_checkpoint(api.url, TOKEN, RUN, "0" * 64, str(tmp_path / "other.pt"), attempts=1)
    assert sorted(p.name for p in out.parent.iterdir()) == [out.name]
