"""The sampler parity fixture for libs/inference: a small exported model, its inputs, the initial noise
and the noise of every step, and what the PyTorch reference sampler made of them. The TypeScript sampler
running the same ONNX files with the recorded noise must reproduce `output` within 1e-3.

Layout (docs/model-contract.md, "Parity fixture"): DIR/model/{model.json,conditioner.onnx,denoiser.onnx},
DIR/index.json and one little-endian raw file per tensor (DIR/tensors/<name>.bin)."""

import json
import tempfile
from pathlib import Path
from typing import Dict

import numpy as np
import torch

from .config import load_config
from .export import example_inputs, export_model
from .model import count_parameters
from .sampling import generate, karras_sigmas
from .synthetic import write_corpus
from .train import Trainer

PARITY_FORMAT = "loris-parity/1"


def _write(root: Path, name: str, tensor: torch.Tensor, index: Dict[str, dict]) -> None:
    array = tensor.detach().cpu().numpy()
    dtype = "int64" if array.dtype == np.int64 else "float32"
    array = np.ascontiguousarray(array.astype(np.int64 if dtype == "int64" else np.float32))
    path = root / "tensors" / f"{name}.bin"
    path.parent.mkdir(parents=True, exist_ok=True)
    array.tofile(path)
    index[name] = {"file": path.relative_to(root).as_posix(), "dtype": dtype, "shape": list(array.shape)}


def briefly_trained(config: str, seed: int, steps: int):
    """The fixture model, trained for a few steps on a generated click-track corpus. Untrained weights
    make conditional and null outputs differ wildly; guidance x20 then drives x to hundreds, where the
    float32 rounding differences between runtimes outgrow the parity tolerance. A little training gives
    the well-behaved denoiser a real model has."""
    with tempfile.TemporaryDirectory() as tmp:
        manifest = write_corpus(Path(tmp) / "corpus", count=3, seconds=1.5, seed=seed)
        cfg = load_config(config, [f"train.seed={seed}", "train.batch_size=2", "train.warmup_steps=1",
                                   "train.lr_new=2.0e-3", "train.lr_backbone=2.0e-3"])
        trainer = Trainer(cfg, str(manifest), str(Path(tmp) / "run"))
        for _ in range(steps):
            trainer.train_step()
        return trainer.model.eval(), trainer.recent


def write_parity_fixture(out: str, steps: int = 10, seconds: float = 0.3, seed: int = 0,
                         config: str = "parity", guidance_scale: float = 20.0, train_steps: int = 200) -> dict:
    root = Path(out)
    root.mkdir(parents=True, exist_ok=True)
    model, losses = briefly_trained(config, seed, train_steps)
    cfg = model.config
    card = export_model(model, str(root / "model"), {
        "config": cfg.to_dict(), "trainingRun": None, "dataset": "loris_trainer.synthetic click tracks",
        "dataSeed": seed, "steps": train_steps, "finalLoss": float(sum(losses) / len(losses)),
        "note": "briefly trained, for sampler parity only", "parameters": count_parameters(model),
    })
    visual, rhythm, genre, samples = example_inputs(cfg, batch=1, seconds=seconds, seed=seed + 1)
    g = torch.Generator().manual_seed(seed + 2)
    initial = torch.randn(1, cfg.unet.in_channels, samples, generator=g)
    noises = [torch.randn(1, cfg.unet.in_channels, samples, generator=g) for _ in range(steps)]
    output = generate(model, visual, rhythm, genre, samples, steps=steps, guidance_scale=guidance_scale,
                      initial=initial, noises=noises)
    tensors: Dict[str, dict] = {}
    _write(root, "visual", visual, tensors)
    _write(root, "rhythm", rhythm, tensors)
    _write(root, "genre", genre, tensors)
    _write(root, "initial_noise", initial, tensors)
    for i, n in enumerate(noises):
        _write(root, f"step_noise_{i}", n, tensors)
    _write(root, "output", output, tensors)
    s = cfg.sampler
    index = {
        "format": PARITY_FORMAT,
        "model": "model",
        "modelVersion": card["version"],
        "seconds": seconds,
        "samples": samples,
        "sampler": {"name": "adpm2", "eta": 1.0, "steps": steps, "guidanceScale": guidance_scale,
                    "sigmaMin": s.sigma_min, "sigmaMax": s.sigma_max, "rho": s.rho},
        "sigmas": karras_sigmas(steps, s.sigma_min, s.sigma_max, s.rho),
        "x0": "initial_noise * sigmas[0]",
        "stepNoise": [f"step_noise_{i}" for i in range(steps)],
        "tensors": tensors,
        "tolerance": 1e-3,
    }
    (root / "index.json").write_text(json.dumps(index, indent=2) + "\n")
    print(json.dumps({"event": "parity-fixture", "out": str(root), "samples": samples, "steps": steps}), flush=True)
    return index
