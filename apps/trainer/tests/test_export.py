import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import onnx
import pytest
import torch

from conftest import ROOT, run_env
from loris_trainer.config import load_config
from loris_trainer.export import MODEL_FORMAT, example_inputs
from loris_trainer.model.conditions import Contexts
from loris_trainer.ort import run_onnx
from loris_trainer.train import Trainer, file_sha256, model_from_checkpoint


@pytest.fixture(scope="module")
def exported(corpus, tmp_path_factory):
    """The tiny config after one training step, exported through the CLI."""
    root = tmp_path_factory.mktemp("export")
    cfg = load_config("tiny", ["train.crop_samples=8192", "train.batch_size=2"])
    trainer = Trainer(cfg, str(corpus), str(root / "run"))
    trainer.train_step()
    checkpoint = trainer.save(root / "run" / "checkpoints" / "last.pt")
    out = root / "model"
    done = subprocess.run(
        [sys.executable, "-m", "loris_trainer", "export", "--checkpoint", str(checkpoint), "--out", str(out),
         "--threads", "1"],
        capture_output=True, text=True, env=run_env(), cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return checkpoint, out


def test_model_card_describes_the_files(exported, corpus):
    checkpoint, out = exported
    card = json.loads((out / "model.json").read_text())
    assert card["format"] == MODEL_FORMAT
    cfg = load_config("tiny")
    assert card["sampleRate"] == cfg.audio.sample_rate and card["outputSampleRate"] == 22050
    assert card["segmentSamples"] % card["lengthMultiple"] == 0 and card["channels"] == cfg.unet.in_channels
    assert card["audioScale"] == 0.95 and card["sigmaData"] == 0.1
    assert card["rhythm"]["variant"] == "paper" and card["rhythm"]["rate"] == cfg.conditions.rhythm.rate
    assert card["visual"] == {"kind": "pose-kinematics-v1", "dim": 68, "rate": cfg.conditions.visual.rate}
    assert len(card["genres"]) == 10 and card["timeAlignment"] == "rhythm_channels"
    assert card["sampler"] == {"name": "euler", "steps": 50, "guidanceScale": 20.0, "sigmaMin": 1e-4,
                               "sigmaMax": 3.0, "rho": 9.0}
    assert card["provenance"]["steps"] == 1 and card["provenance"]["dataset"]["sha256"]
    # No path of the training machine leaks into a card that ships to others.
    manifest = card["provenance"]["dataset"]["manifest"]
    assert manifest == f"{corpus.parent.name}/{corpus.name}" and not manifest.startswith("/")
    assert card["provenance"]["finalLoss"] > 0
    total = 0
    for key in ("conditioner", "denoiser"):
        entry = card["files"][key]
        path = out / entry["path"]
        assert entry["sha256"] == file_sha256(path) and entry["bytes"] == path.stat().st_size
        total += entry["bytes"]
        onnx.checker.check_model(str(path))
        graph = onnx.load(str(path)).graph
        spec = card["tensors"][key]
        assert [i.name for i in graph.input] == list(spec["inputs"])
        assert [o.name for o in graph.output] == list(spec["outputs"])
        for value in list(graph.input) + list(graph.output):
            dims = value.type.tensor_type.shape.dim
            want = (spec["inputs"].get(value.name) or spec["outputs"][value.name])["shape"]
            got = [d.dim_param or d.dim_value for d in dims]
            assert got == want, value.name
    assert total < 50_000_000


@pytest.mark.parametrize("batch, seconds", [(3, 1.7), (1, 0.5)])
def test_onnx_outputs_match_pytorch(exported, batch, seconds):
    """Other batch sizes and lengths than the export traced: the dynamic axes must hold."""
    checkpoint, out = exported
    model, _ = model_from_checkpoint(str(checkpoint))
    cfg = model.config
    visual, rhythm, genre, samples = example_inputs(cfg, batch=batch, seconds=seconds, seed=5)
    card = json.loads((out / "model.json").read_text())
    ort_ctx = run_onnx(out / "conditioner.onnx",
                       {"visual": visual.numpy(), "rhythm": rhythm.numpy(), "genre": genre.numpy()})
    with torch.no_grad():
        cond, null = model.conditions(visual, rhythm, genre)
    for name, c, n in zip(card["contexts"], cond, null):
        assert np.abs(ort_ctx[name] - c.numpy()).max() < 1e-4, name
        assert np.abs(ort_ctx[f"null_{name}"] - n.detach().numpy()).max() < 1e-4, name
    g = torch.Generator().manual_seed(9)
    x = torch.randn(batch, cfg.unet.in_channels, samples, generator=g) * 0.5
    sigma = torch.exp(torch.linspace(-8, 1, batch))
    feeds = {"x": x.numpy(), "sigma": sigma.numpy(), **{n: ort_ctx[n] for n in card["contexts"]}}
    ort_out = run_onnx(out / "denoiser.onnx", feeds)["denoised"]
    with torch.no_grad():
        contexts = Contexts(*(torch.from_numpy(ort_ctx[n]) for n in card["contexts"]))
        expected = model.denoiser(x, sigma, contexts).numpy()
    assert ort_out.shape == (batch, cfg.unet.in_channels, samples)
    assert np.abs(ort_out - expected).max() < 1e-4


def test_export_refuses_a_missing_checkpoint(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "loris_trainer", "export", "--checkpoint", str(tmp_path / "nope.pt"), "--out",
         str(tmp_path / "m")], capture_output=True, text=True, env=run_env(), cwd=ROOT,
    )
    assert done.returncode == 2
    assert json.loads(done.stdout)["code"] == "INVALID_CHECKPOINT"
    assert "Traceback" not in done.stderr and "not found" in done.stderr


def test_export_sets_the_cards_default_sampler_without_touching_the_graphs(exported, tmp_path):
    checkpoint, out = exported
    export = [sys.executable, "-m", "loris_trainer", "export", "--checkpoint", str(checkpoint), "--threads", "1"]
    done = subprocess.run([*export, "--out", str(tmp_path / "heun"), "--sampler", "heun", "--sampler-steps", "30"],
                          capture_output=True, text=True, env=run_env(), cwd=ROOT)
    assert done.returncode == 0, done.stderr[-2000:]
    card = json.loads((tmp_path / "heun" / "model.json").read_text())
    before = json.loads((out / "model.json").read_text())
    assert (card["sampler"]["name"], card["sampler"]["steps"]) == ("heun", 30)
    assert card["files"] == before["files"]  # the same ONNX bytes: sampling is the card's, not the graph's
    assert card["provenance"]["config"]["sampler"] == before["provenance"]["config"]["sampler"]
    refused = subprocess.run([*export, "--out", str(tmp_path / "bad"), "--sampler-steps", "0"],
                             capture_output=True, text=True, env=run_env(), cwd=ROOT)
    assert refused.returncode == 2 and "Traceback" not in refused.stderr
    assert "--sampler-steps must be at least 1" in refused.stderr and not (tmp_path / "bad").exists()


def test_large_models_keep_weights_in_one_external_file(tmp_path):
    """Models over 2 GB (the paper config) cannot be one protobuf; forced here on a small model."""
    from loris_trainer.export import export_model
    from loris_trainer.model import build_model

    cfg = load_config("parity")
    model = build_model(cfg, seed=0).eval()
    card = export_model(model, str(tmp_path / "m"), {"note": "test"}, external_data=True)
    files = sorted(p.name for p in (tmp_path / "m").iterdir())
    assert files == ["conditioner.onnx", "conditioner.onnx.data", "denoiser.onnx", "denoiser.onnx.data",
                     "model.json"]
    entry = card["files"]["denoiser"]
    data = tmp_path / "m" / entry["externalData"]["path"]
    assert entry["externalData"]["sha256"] == file_sha256(data) and data.stat().st_size > entry["bytes"]
    visual, rhythm, genre, samples = example_inputs(cfg, batch=1, seconds=0.3)
    ctx = run_onnx(tmp_path / "m" / "conditioner.onnx",
                   {"visual": visual.numpy(), "rhythm": rhythm.numpy(), "genre": genre.numpy()})
    with torch.no_grad():
        cond = model.conditions(visual, rhythm, genre).cond
    assert np.abs(ctx["visual_context"] - cond.visual.numpy()).max() < 1e-4


def test_the_papers_path_exports_without_rhythm_channels(tmp_path):
    from loris_trainer.export import export_model
    from loris_trainer.model import build_model

    cfg = load_config("parity", ["conditions.time_alignment=none", "unet.cross_attention=shared"])
    model = build_model(cfg, seed=0).eval()
    card = export_model(model, str(tmp_path / "m"), {"note": "test"})
    assert card["timeAlignment"] == "none" and "rhythm_channels" not in card["tensors"]["denoiser"]["inputs"]
    assert card["contexts"] == ["visual_context", "rhythm_context", "genre_context"]
    visual, rhythm, genre, samples = example_inputs(cfg, batch=2, seconds=0.4)
    ctx = run_onnx(tmp_path / "m" / "conditioner.onnx",
                   {"visual": visual.numpy(), "rhythm": rhythm.numpy(), "genre": genre.numpy()})
    assert set(ctx) == {"visual_context", "rhythm_context", "genre_context", "null_visual_context",
                        "null_rhythm_context", "null_genre_context"}
    x = torch.randn(2, cfg.unet.in_channels, samples)
    sigma = torch.tensor([1.0, 0.01])
    out = run_onnx(tmp_path / "m" / "denoiser.onnx",
                   {"x": x.numpy(), "sigma": sigma.numpy(), **{n: ctx[n] for n in card["contexts"]}})["denoised"]
    with torch.no_grad():
        expected = model.denoiser(x, sigma, Contexts(*(torch.from_numpy(ctx[n]) for n in card["contexts"])))
    assert np.abs(out - expected.numpy()).max() < 1e-4
