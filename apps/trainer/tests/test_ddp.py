"""Multi-process training with torchrun: 2 CPU processes on the gloo backend."""

import json
import shutil
import subprocess
import sys

import torch

from conftest import ROOT, run_env
from loris_trainer.train import load_checkpoint, model_from_checkpoint


def test_torchrun_two_gloo_processes_train_and_rank0_checkpoint_loads(corpus, tmp_path):
    torchrun = shutil.which("torchrun")
    launcher = [torchrun] if torchrun else [sys.executable, "-m", "torch.distributed.run"]
    env = run_env()
    env["LORIS_DDP_BACKEND"] = "gloo"
    cmd = launcher + [
        # Debian's torch 1.13 on Python 3.11 reads torchrun's default "--redirects 0" as None and crashes;
        # "2" (stderr only) is parsed fine and leaves stdout, where the JSON lines go, untouched.
        "--standalone", "--nproc_per_node=2", "--redirects", "2", "--tee", "2",
        "-m", "loris_trainer", "train", "--config", "tiny",
        "--manifest", str(corpus), "--out", str(tmp_path / "run"), "--steps", "2", "--threads", "1",
        "--set=train.crop_samples=8192", "--set=train.batch_size=1", "--set=train.log_every=1",
        "--set=train.val_every=0",
    ]
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=ROOT, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    events = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    steps = [e for e in events if e["event"] == "step"]
    assert [e["step"] for e in steps] == [1, 2]  # rank 0 alone reports
    final = events[-1]
    assert final["event"] == "done" and final["worldSize"] == 2 and final["step"] == 2

    state = load_checkpoint(str(tmp_path / "run/checkpoints/last.pt"))
    assert state["data"]["worldSize"] == 2
    assert state["data"]["position"] == 2 * 2 * 1  # steps x ranks x per-rank batch
    assert not any(k.startswith("module.") for k in state["model"])  # the bare model, not the DDP wrapper
    model, _ = model_from_checkpoint(str(tmp_path / "run/checkpoints/last.pt"))
    assert all(torch.isfinite(p).all() for p in model.parameters())
