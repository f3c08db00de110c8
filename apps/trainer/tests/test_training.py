import json
import math
import subprocess
import sys

import pytest
import torch

from conftest import ROOT, run_env
from loris_trainer.config import load_config
from loris_trainer.train import Trainer, load_checkpoint

# The tiny architecture on short windows, so a step takes well under a second on one core.
SMALL = ["train.crop_samples=8192", "train.batch_size=2", "audio.gain_min=1.0", "audio.random_offset=false"]


def test_tiny_lowers_the_loss_on_a_fixed_batch(corpus, tmp_path):
    cfg = load_config("tiny", SMALL + ["train.warmup_steps=1", "train.lr_new=1.0e-3", "train.lr_backbone=1.0e-3"])
    trainer = Trainer(cfg, str(corpus), str(tmp_path / "run"))
    assert len(trainer.data) == 2  # the batch is the same two windows every step
    batch = trainer.batch_at(0)
    g = torch.Generator().manual_seed(123)
    rows = {k: v.repeat(4, *([1] * (v.dim() - 1))) for k, v in batch.items()}
    sigma = torch.exp(-3 + torch.randn(8, generator=g))
    noise = torch.randn(rows["audio"].shape, generator=g)
    keep = torch.zeros(8, dtype=torch.bool)

    def fixed_loss() -> float:
        with torch.no_grad():
            return float(trainer.model(rows, sigma, noise, keep))

    before = fixed_loss()
    for _ in range(30):
        trainer.train_step()
    after = fixed_loss()
    assert after < 0.75 * before, (before, after)


def train_cli(corpus, out, *extra):
    cmd = [sys.executable, "-m", "loris_trainer", "train", "--manifest", str(corpus), "--out", str(out),
           "--threads", "1", *extra]
    done = subprocess.run(cmd, capture_output=True, text=True, env=run_env(), cwd=ROOT)
    assert done.returncode == 0, done.stderr[-2000:]
    return [json.loads(line) for line in done.stdout.splitlines() if line.strip()]


def test_resume_from_a_checkpoint_continues_exactly(corpus, tmp_path):
    settings = [f"--set={s}" for s in SMALL + ["train.log_every=1", "train.checkpoint_every=2", "train.val_every=0",
                                                 "audio.random_offset=true", "audio.gain_min=0.5",
                                                 "train.lr_decay=cosine", "train.warmup_steps=1",
                                                 "train.ema_decay=0.9"]]
    straight = train_cli(corpus, tmp_path / "a", "--config", "tiny", "--steps", "4", *settings)
    steps = [e for e in straight if e["event"] == "step"]
    assert [e["step"] for e in steps] == [1, 2, 3, 4]
    for event in steps:
        assert set(event) == {"event", "step", "loss", "lr", "secondsPerStep"}
        assert event["secondsPerStep"] > 0 and event["loss"] > 0
    done = straight[-1]
    assert done["event"] == "done" and done["step"] == 4

    resumed = train_cli(corpus, tmp_path / "b", "--resume", str(tmp_path / "a/checkpoints/step-0000002.pt"),
                        "--steps", "4")
    again = [e for e in resumed if e["event"] == "step"]
    assert [e["step"] for e in again] == [3, 4]
    assert [e["loss"] for e in again] == [e["loss"] for e in steps[2:]]
    a = load_checkpoint(str(tmp_path / "a/checkpoints/last.pt"))
    b = load_checkpoint(str(tmp_path / "b/checkpoints/last.pt"))
    assert a["data"]["position"] == b["data"]["position"] == 8
    for name, tensor in a["model"].items():
        assert torch.equal(tensor, b["model"][name]), name
    assert a["ema"].keys() == b["ema"].keys()
    for name, tensor in a["ema"].items():
        assert torch.equal(tensor, b["ema"][name]), name
    assert a["config"]["train"]["steps"] == 4  # the cosine's horizon is the run's --steps
    lrs = [e["lr"] for e in steps]
    assert lrs[1] > lrs[2] > lrs[3] > 0  # step 0 is the one warm-up step


def test_checkpoint_holds_what_resuming_needs(corpus, tmp_path):
    cfg = load_config("tiny", SMALL)
    trainer = Trainer(cfg, str(corpus), str(tmp_path / "run"))
    trainer.train_step()
    state = load_checkpoint(str(trainer.save(tmp_path / "c.pt")))
    assert state["step"] == 1 and state["data"]["position"] == 2
    assert {"model", "optimizer", "schedule", "rng", "config", "run"} <= set(state)
    assert state["optimizer"]["state"], "AdamW moments must be saved"
    groups = {g["name"]: g for g in state["optimizer"]["param_groups"]}
    assert set(groups) == {"backbone", "new"}


def test_paper_learning_rates_and_groups():
    cfg = load_config("tiny", ["train.lr_backbone=3.0e-6", "train.lr_new=3.0e-3", "train.warmup_steps=1000",
                               "train.warmup_lr=2.0e-4"])
    from loris_trainer.model import build_model
    from loris_trainer.train import LearningRateSchedule

    model = build_model(cfg, seed=0)
    new = set(model.new_layer_names())
    assert any(n.startswith("conditioner.") for n in new)
    assert any(".cross_attention." in n for n in new)
    assert not any(n.startswith("denoiser.net.to_in") for n in new)
    opt = torch.optim.AdamW(model.parameter_groups(3e-6, 3e-3, 0.045), betas=(0.9, 0.96))
    schedule = LearningRateSchedule(1000, 2e-4)
    schedule.apply(opt, 499)
    assert [g["lr"] for g in opt.param_groups] == [1e-4, 1e-4]
    schedule.apply(opt, 1000)
    assert [g["lr"] for g in opt.param_groups] == [3e-6, 3e-3]


def test_cosine_decay_runs_from_each_groups_rate_to_its_floor():
    from loris_trainer.train import LearningRateSchedule

    schedule = LearningRateSchedule(10, 1e-3, "cosine", total_steps=110, min_ratio=0.1)
    assert schedule.rate(2e-3, 4) == 1e-3 * 5 / 10  # warm-up is unchanged
    assert schedule.rate(2e-3, 10) == 2e-3
    assert abs(schedule.rate(2e-3, 60) - 2e-3 * 0.55) < 1e-12  # half-way down the cosine
    assert abs(schedule.rate(2e-3, 110) - 2e-4) < 1e-12
    assert abs(schedule.rate(2e-3, 500) - 2e-4) < 1e-12  # held at the floor past the horizon
    assert LearningRateSchedule(10, 1e-3).rate(2e-3, 100) == 2e-3  # constant, the paper


def test_weight_average_follows_the_formula_and_is_what_export_loads(corpus, tmp_path):
    from loris_trainer.train import model_from_checkpoint

    cfg = load_config("tiny", SMALL + ["train.ema_decay=0.5"])
    trainer = Trainer(cfg, str(corpus), str(tmp_path / "run"))
    name = "denoiser.net.to_in.blocks.0.block.block1.project.weight"
    start = trainer.model.state_dict()[name].clone()
    trainer.train_step()  # step 0: decay min(0.5, 1/10) = 0.1
    after_one = trainer.model.state_dict()[name].clone()
    expected = 0.1 * start + 0.9 * after_one
    assert torch.allclose(trainer.ema.shadow[name], expected, atol=1e-7)
    trainer.train_step()  # step 1: decay min(0.5, 2/11)
    keep = 2 / 11
    expected = keep * expected + (1 - keep) * trainer.model.state_dict()[name]
    assert torch.allclose(trainer.ema.shadow[name], expected, atol=1e-7)

    raw_before_eval = trainer.model.state_dict()[name].clone()
    trainer.evaluate(1)  # validates with the average, then puts the trained weights back
    assert torch.equal(trainer.model.state_dict()[name], raw_before_eval)

    path = str(trainer.save(tmp_path / "c.pt"))
    model, state = model_from_checkpoint(path)
    assert state["weights"] == "ema"
    assert torch.equal(model.state_dict()[name], trainer.ema.shadow[name])
    model, state = model_from_checkpoint(path, "raw")
    assert state["weights"] == "raw" and torch.equal(model.state_dict()[name], raw_before_eval)


def test_a_run_without_an_average_refuses_ema_weights(corpus, tmp_path):
    import pytest

    from loris_trainer.errors import CheckpointError
    from loris_trainer.train import model_from_checkpoint

    trainer = Trainer(load_config("tiny", SMALL + ["train.ema_decay=0"]), str(corpus), str(tmp_path / "run"))
    assert trainer.ema is None
    trainer.train_step()
    path = str(trainer.save(tmp_path / "c.pt"))
    assert model_from_checkpoint(path)[1]["weights"] == "raw"
    with pytest.raises(CheckpointError, match="no weight average"):
        model_from_checkpoint(path, "ema")


def test_a_low_sigma_share_draws_that_share_of_rows_from_the_low_distribution():
    from loris_trainer.config import DiffusionConfig
    from loris_trainer.train import step_generator, training_sigmas

    plain = DiffusionConfig(p_mean=-1.2, p_std=1.2)
    mixed = DiffusionConfig(p_mean=-1.2, p_std=1.2, low_sigma_share=0.3, low_p_mean=-4.0, low_p_std=0.8)
    # No share: the very draws of earlier runs, so their checkpoints resume onto the same noise levels.
    expected = torch.exp(-1.2 + 1.2 * torch.randn(8, generator=step_generator(0, 1)))
    assert torch.equal(training_sigmas(plain, 8, step_generator(0, 1)), expected)
    base = training_sigmas(plain, 20000, step_generator(0, 2)).log()
    mix = training_sigmas(mixed, 20000, step_generator(0, 2)).log()
    below = lambda ln: float((ln < math.log(0.036)).float().mean())  # noqa: E731
    # 500 Hz-1 kHz of the synthetic corpus becomes visible below sigma 0.036: 3.9% of N(-1.2, 1.2),
    # 0.7 * 3.9% + 0.3 * 80% of the mixture.
    assert below(base) == pytest.approx(0.039, abs=0.006)
    assert below(mix) == pytest.approx(0.7 * 0.039 + 0.3 * 0.80, abs=0.015)
