"""Stopping a run from outside: SIGTERM (cancel) checkpoints and exits 3; the death of the process named in
LORIS_PARENT_PID (a worker killed with SIGKILL) kills the run."""

import json
import os
import signal
import subprocess
import sys
import time

from conftest import ROOT, run_env
from loris_trainer.train import EXIT_CANCELLED, load_checkpoint

SMALL = ["train.crop_samples=8192", "train.batch_size=2", "train.log_every=1", "train.checkpoint_every=1000",
         "train.val_every=0", "train.warmup_steps=1"]


def start(corpus, out, env=None):
    cmd = [sys.executable, "-m", "loris_trainer", "train", "--config", "tiny", "--manifest", str(corpus),
           "--out", str(out), "--steps", "100000", "--threads", "1", *[f"--set={s}" for s in SMALL]]
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=env or run_env(), cwd=ROOT)


def test_sigterm_saves_a_checkpoint_and_exits_cancelled(corpus, tmp_path):
    proc = start(corpus, tmp_path / "run")
    first = json.loads(proc.stdout.readline())  # the first step's line: the loop is running
    assert first["event"] == "step" and first["step"] == 1
    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == EXIT_CANCELLED, err[-2000:]
    events = [first] + [json.loads(line) for line in out.splitlines() if line.startswith("{")]
    cancelled = events[-1]
    assert cancelled["event"] == "cancelled"
    checkpoint = [e for e in events if e["event"] == "checkpoint"][-1]
    assert checkpoint["step"] == cancelled["step"] >= 1
    assert cancelled["checkpoint"] == checkpoint["path"] == str(tmp_path / "run/checkpoints/last.pt")
    state = load_checkpoint(cancelled["checkpoint"])
    assert state["step"] == cancelled["step"]
    assert (tmp_path / "run/checkpoints" / f"step-{cancelled['step']:07d}.pt").is_file()
    steps = [e["step"] for e in events if e["event"] == "step"]
    assert steps[-1] == cancelled["step"]  # the step in progress finished, no other began


def test_checkpoint_and_val_events_go_to_stdout(corpus, tmp_path):
    cmd = [sys.executable, "-m", "loris_trainer", "train", "--config", "tiny", "--manifest", str(corpus),
           "--out", str(tmp_path / "run"), "--steps", "2", "--threads", "1",
           *[f"--set={s}" for s in SMALL + ["train.val_every=1", "train.val_batches=1", "train.checkpoint_every=1"]]]
    done = subprocess.run(cmd, capture_output=True, text=True, env=run_env(), cwd=ROOT)
    assert done.returncode == 0, done.stderr[-2000:]
    kinds = [json.loads(line)["event"] for line in done.stdout.splitlines() if line.startswith("{")]
    assert kinds == ["step", "val", "checkpoint", "step", "val", "checkpoint", "done"]


def test_the_run_dies_with_the_parent_named_in_the_environment(corpus, tmp_path):
    # A middle process starts the trainer naming itself as the parent, then is killed with SIGKILL.
    pid_file = tmp_path / "trainer.pid"
    script = (
        "import os, subprocess, sys, time\n"
        "env = dict(os.environ, LORIS_PARENT_PID=str(os.getpid()))\n"
        f"cmd = {[sys.executable, '-m', 'loris_trainer', 'train', '--config', 'tiny', '--manifest', str(corpus), '--out', str(tmp_path / 'run'), '--steps', '100000', '--threads', '1'] + [f'--set={s}' for s in SMALL]!r}\n"
        "p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)\n"
        f"open({str(pid_file)!r}, 'w').write(str(p.pid))\n"
        "time.sleep(600)\n"
    )
    middle = subprocess.Popen([sys.executable, "-c", script], env=run_env(), cwd=ROOT)
    deadline = time.time() + 30
    while not pid_file.exists() or not pid_file.read_text():
        assert time.time() < deadline
        time.sleep(0.1)
    trainer = int(pid_file.read_text())
    time.sleep(2)  # past the trainer's start-up, where it arms the parent-death signal
    os.kill(middle.pid, signal.SIGKILL)
    middle.wait()
    deadline = time.time() + 10
    while time.time() < deadline:
        try:
            os.kill(trainer, 0)
        except ProcessLookupError:
            return
        time.sleep(0.1)
    os.kill(trainer, signal.SIGKILL)
    raise AssertionError("the trainer outlived the parent it was told to die with")


def test_config_schema_lists_every_key_with_its_type():
    done = subprocess.run([sys.executable, "-m", "loris_trainer", "config-schema"], capture_output=True, text=True,
                          env=run_env(), cwd=ROOT)
    assert done.returncode == 0, done.stderr
    keys = json.loads(done.stdout)["keys"]
    assert keys["train.batch_size"] == {"type": "int"}
    assert keys["train.lr_decay"] == {"type": "str", "choices": ["constant", "cosine"]}
    assert keys["unet.cross_attentions"] == {"type": "list", "items": "bool", "nullable": True}
    assert "train" not in keys and "unet" not in keys  # sections are not keys
