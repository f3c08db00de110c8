import json
import math
import subprocess

import numpy as np
import pytest
import torch

from conftest import ROOT
from loris_trainer.config import load_config
from loris_trainer.export import example_inputs
from loris_trainer.model import build_model
from loris_trainer.parity import write_parity_fixture
from loris_trainer.sampling import (
    ancestral_step,
    generate,
    guided,
    karras_sigmas,
    padded_samples,
    sample_dpm_2_ancestral,
)


def test_karras_schedule():
    sigmas = karras_sigmas(50, 1e-4, 3.0, 9.0)
    assert len(sigmas) == 51 and sigmas[-1] == 0.0
    assert sigmas[0] == pytest.approx(3.0) and sigmas[49] == pytest.approx(1e-4)
    assert all(a > b for a, b in zip(sigmas, sigmas[1:]))
    mid = (3.0 ** (1 / 9) + 0.5 * (1e-4 ** (1 / 9) - 3.0 ** (1 / 9))) ** 9
    assert karras_sigmas(3, 1e-4, 3.0, 9.0)[1] == pytest.approx(mid)


def test_ancestral_step_splits_the_variance():
    down, up = ancestral_step(1.0, 0.5)
    assert down**2 + up**2 == pytest.approx(0.25)
    assert up == pytest.approx(math.sqrt(0.25 * 0.75))
    assert ancestral_step(1.0, 0.5, eta=0.0) == (0.5, 0.0)
    assert ancestral_step(0.5, 0.0) == (0.0, 0.0)


def test_sampler_draws_from_a_known_gaussian():
    """For data ~ N(0, s^2) the ideal denoiser is x s^2 / (s^2 + sigma^2); the sampler must give std s."""
    s = 0.1
    g = torch.Generator().manual_seed(0)

    def denoise(x, sigma):
        v = sigma.view(-1, 1, 1) ** 2
        return x * s * s / (s * s + v)

    sigmas = karras_sigmas(50, 1e-4, 3.0, 9.0)
    x = torch.randn(4, 2, 5000, generator=g) * sigmas[0]
    out = sample_dpm_2_ancestral(denoise, x, sigmas, lambda i, like: torch.randn(like.shape, generator=g))
    assert out.std().item() == pytest.approx(s, rel=0.05)
    assert abs(out.mean().item()) < 0.01


def test_sampler_calls_the_denoiser_twice_per_step_except_the_last():
    calls = []

    def denoise(x, sigma):
        calls.append(float(sigma[0]))
        return torch.zeros_like(x)

    sigmas = karras_sigmas(4, 1e-4, 3.0, 9.0)
    sample_dpm_2_ancestral(denoise, torch.ones(1, 2, 8), sigmas, lambda i, like: torch.zeros_like(like))
    assert len(calls) == 2 * 3 + 1
    assert calls[0] == pytest.approx(sigmas[0]) and calls[-1] == pytest.approx(sigmas[3])


def test_guidance_combines_cond_and_uncond():
    cfg = load_config("parity")
    model = build_model(cfg, seed=0).eval()
    visual, rhythm, genre, samples = example_inputs(cfg, batch=1, seconds=0.3)
    x = torch.randn(1, cfg.unet.in_channels, samples)
    sigma = torch.tensor([0.4])
    with torch.no_grad():
        cond, null = model.conditions(visual, rhythm, genre)
        c = model.denoiser(x, sigma, cond)
        u = model.denoiser(x, sigma, null)
        assert torch.allclose(guided(model.denoiser, cond, null, 1.0)(x, sigma), c, atol=1e-5)
        assert torch.allclose(guided(model.denoiser, cond, null, 0.0)(x, sigma), u, atol=1e-5)
        assert torch.allclose(guided(model.denoiser, cond, null, 20.0)(x, sigma), u + 20 * (c - u), atol=1e-4)


def test_generate_is_seeded():
    cfg = load_config("parity")
    model = build_model(cfg, seed=0).eval()
    visual, rhythm, genre, _ = example_inputs(cfg, batch=1, seconds=0.3)
    samples = padded_samples(0.3, cfg.audio.sample_rate, cfg.unet.length_multiple())
    run = lambda seed: generate(model, visual, rhythm, genre, samples, steps=3,  # noqa: E731
                                generator=torch.Generator().manual_seed(seed))
    a, b, c = run(1), run(1), run(2)
    assert a.shape == (1, cfg.unet.in_channels, samples) and torch.isfinite(a).all()
    assert torch.equal(a, b) and not torch.equal(a, c)


def test_parity_fixture_replays_in_node_with_onnxruntime(tmp_path):
    """The fixture is what libs/inference will be held to: a float64 sampler in Node (tools/parity_replay.js)
    running the exported graphs on the recorded noise must land on the PyTorch output well within 1e-3."""
    root = tmp_path / "fx"
    index = write_parity_fixture(str(root))
    total = sum(p.stat().st_size for p in root.rglob("*") if p.is_file())
    assert total < 5_000_000
    assert json.loads((root / "index.json").read_text()) == json.loads(json.dumps(index))
    assert index["sampler"]["guidanceScale"] == 20.0 and len(index["stepNoise"]) == index["sampler"]["steps"]
    card = json.loads((root / "model" / "model.json").read_text())
    assert index["samples"] % card["lengthMultiple"] == 0
    output = np.fromfile(root / index["tensors"]["output"]["file"], dtype=np.float32)
    assert output.size == card["channels"] * index["samples"] and np.abs(output).max() > 0.01
    done = subprocess.run(["node", str(ROOT / "tools" / "parity_replay.js"), str(root)], capture_output=True,
                          text=True)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["samples"] == index["samples"]
    assert result["maxAbsDiff"] < 2e-4
