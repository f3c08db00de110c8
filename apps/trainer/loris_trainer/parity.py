"""The sampler parity fixture for libs/inference: a small exported model, its inputs, the initial noise
and the noise of every step, and what the PyTorch reference sampler made of them. The TypeScript sampler
running the same ONNX files with the recorded noise must reproduce `output` within 1e-3.

Layout (docs/model-contract.md, "Parity fixture"): DIR/model/{model.json,conditioner.onnx,denoiser.onnx},
DIR/index.json and one little-endian raw file per tensor (DIR/tensors/<name>.bin)."""

import json
from pathlib import Path
from typing import Dict

import numpy as np
import torch

from .config import load_config
from .export import example_inputs, export_model
from .model import build_model, count_parameters
from .sampling import generate, karras_sigmas

PARITY_FORMAT = "loris-parity/1"


def _write(root: Path, name: str, tensor: torch.Tensor, index: Dict[str, dict]) -> None:
    array = tensor.detach().cpu().numpy()
    dtype = "int64" if array.dtype == np.int64 else "float32"
    array = np.ascontiguousarray(array.astype(np.int64 if dtype == "int64" else np.float32))
    path = root / "tensors" / f"{name}.bin"
    path.parent.mkdir(parents=True, exist_ok=True)
    array.tofile(path)
    index[name] = {"file": path.relative_to(root).as_posix(), "dtype": dtype, "shape": list(array.shape)}


def write_parity_fixture(out: str, steps: int = 3, seconds: float = 0.75, seed: int = 0,
                         config: str = "parity", guidance_scale: float = 20.0) -> dict:
    root = Path(out)
    root.mkdir(parents=True, exist_ok=True)
    cfg = load_config(config)
    model = build_model(cfg, seed=seed).eval()
    card = export_model(model, str(root / "model"), {
        "config": cfg.to_dict(), "trainingRun": None, "dataset": None, "dataSeed": seed, "steps": 0,
        "finalLoss": None, "note": "random weights (seeded), for sampler parity only",
        "parameters": count_parameters(model),
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
