"""ONNX export: conditioner.onnx (conditions -> contexts and null contexts), denoiser.onnx (x, sigma,
contexts -> denoised x, EDM preconditioning inside) and model.json, the model contract that libs/inference
checks before it runs a model (docs/model-contract.md)."""

import datetime
import json
import tempfile
from pathlib import Path
from typing import Dict, List, Optional, Tuple

import onnx
import torch
from torch import Tensor, nn

from .config import Config
from .errors import ExportError
from .model import LorisModel, count_parameters
from .model.conditions import Contexts
from .sampling import padded_samples
from .features import context_length
from .train import file_sha256, model_from_checkpoint

MODEL_FORMAT = "loris-model/1"
CONTEXTS = ["visual_context", "rhythm_context", "genre_context"]
ALIGNED = "rhythm_channels"


def context_names(config: Config) -> List[str]:
    names = list(CONTEXTS)
    if config.conditions.time_alignment == "rhythm_channels":
        names.append(ALIGNED)
    return names


class ConditionerGraph(nn.Module):
    def __init__(self, model: LorisModel):
        super().__init__()
        self.conditioner = model.conditioner

    def forward(self, visual: Tensor, rhythm: Tensor, genre: Tensor) -> Tuple[Tensor, ...]:
        cond, null = self.conditioner(visual, rhythm, genre)
        keep = [t for t in cond if t is not None]
        return tuple(keep) + tuple(t for t in null if t is not None)


class DenoiserGraph(nn.Module):
    def __init__(self, model: LorisModel):
        super().__init__()
        self.denoiser = model.denoiser

    def forward(self, x: Tensor, sigma: Tensor, visual_context: Tensor, rhythm_context: Tensor,
                genre_context: Tensor, rhythm_channels: Optional[Tensor] = None) -> Tensor:
        return self.denoiser(x, sigma, Contexts(visual_context, rhythm_context, genre_context, rhythm_channels))


def tensor_specs(config: Config) -> Dict[str, dict]:
    c = config.conditions
    f = c.features
    context_shapes = {
        "visual_context": ["batch", "visualFrames", f],
        "rhythm_context": ["batch", "rhythmTokens", f],
        "genre_context": ["batch", 1, f],
        ALIGNED: ["batch", "rhythmTokens", c.rhythm_channels],
    }
    names = context_names(config)
    spec = lambda shape, dtype="float32": {"dtype": dtype, "shape": shape}  # noqa: E731
    cond_out = {n: spec(context_shapes[n]) for n in names}
    null_out = {f"null_{n}": spec(context_shapes[n]) for n in names}
    return {
        "conditioner": {
            "inputs": {
                "visual": spec(["batch", "visualFrames", c.visual.dim]),
                "rhythm": spec(["batch", "rhythmTokens"]),
                "genre": spec(["batch"], "int64"),
            },
            "outputs": {**cond_out, **null_out},
        },
        "denoiser": {
            "inputs": {
                "x": spec(["batch", config.unet.in_channels, "samples"]),
                "sigma": spec(["batch"]),
                **{n: spec(context_shapes[n]) for n in names},
            },
            "outputs": {"denoised": spec(["batch", config.unet.in_channels, "samples"])},
        },
    }


def _dynamic_axes(specs: Dict[str, dict]) -> Dict[str, Dict[int, str]]:
    return {name: {i: d for i, d in enumerate(s["shape"]) if isinstance(d, str)} for name, s in specs.items()}


def example_inputs(config: Config, batch: int = 2, seconds: Optional[float] = None, seed: int = 0):
    """Conditioner inputs for `seconds` of audio (default: one segment) and the matching sample count."""
    g = torch.Generator().manual_seed(seed)
    sr = config.audio.sample_rate
    seconds = seconds if seconds is not None else config.audio.segment_samples / sr
    samples = padded_samples(seconds, sr, config.unet.length_multiple())
    lv = context_length(seconds, config.conditions.visual.rate)
    lr = context_length(seconds, config.conditions.rhythm.rate)
    visual = torch.randn(batch, lv, config.conditions.visual.dim, generator=g)
    rhythm = (torch.rand(batch, lr, generator=g) < 0.15).float()
    genre = torch.randint(0, len(config.conditions.genres), (batch,), generator=g)
    return visual, rhythm, genre, samples


# Protobuf cannot hold a graph over 2 GB: larger models keep their weights in one external data file.
EXTERNAL_DATA_BYTES = 1_500_000_000


def export_onnx(model: LorisModel, out_dir: Path, opset: int = 17,
                external_data: Optional[bool] = None) -> Dict[str, Path]:
    config = model.config
    model.eval()
    specs = tensor_specs(config)
    out_dir.mkdir(parents=True, exist_ok=True)
    # Trace at a short length so no segment-specific size gets baked into the graphs.
    mult = config.unet.length_multiple()
    seconds = 2 * mult / config.audio.sample_rate
    visual, rhythm, genre, samples = example_inputs(config, batch=2, seconds=seconds)
    with torch.no_grad():
        outputs = ConditionerGraph(model)(visual, rhythm, genre)
    contexts = outputs[: len(context_names(config))]
    x = torch.randn(2, config.unet.in_channels, samples)
    sigma = torch.tensor([0.5, 0.05])
    graphs = {
        "conditioner": (ConditionerGraph(model), (visual, rhythm, genre)),
        "denoiser": (DenoiserGraph(model), (x, sigma, *contexts)),
    }
    paths = {}
    for key, (graph, args) in graphs.items():
        spec = specs[key]
        weight_bytes = sum(p.numel() * p.element_size() for p in graph.parameters())
        external = external_data if external_data is not None else weight_bytes > EXTERNAL_DATA_BYTES
        with tempfile.TemporaryDirectory(dir=out_dir) as tmp:
            traced = Path(tmp) / f"{key}.onnx"
            with torch.no_grad():
                torch.onnx.export(
                    graph, args, str(traced), input_names=list(spec["inputs"]),
                    output_names=list(spec["outputs"]),
                    dynamic_axes=_dynamic_axes({**spec["inputs"], **spec["outputs"]}),
                    opset_version=opset, do_constant_folding=True,
                )
            paths[key] = finish_graph(traced, out_dir / f"{key}.onnx", spec, external)
    return paths


def finish_graph(traced: Path, target: Path, spec: Dict[str, dict], external: bool) -> Path:
    """Declares the contract's shapes, writes the graph (weights in `<name>.data` when `external`) and
    checks it with onnx.checker."""
    model = onnx.load(str(traced))  # also reads any per-tensor files the exporter wrote for > 2 GB
    declare_shapes(model, spec, target.name)
    data = target.with_name(target.name + ".data")
    if data.exists():
        data.unlink()
    if external:
        onnx.save_model(model, str(target), save_as_external_data=True, all_tensors_to_one_file=True,
                        location=data.name, size_threshold=1024)
    else:
        onnx.save_model(model, str(target))
    try:
        onnx.checker.check_model(str(target))
    except onnx.checker.ValidationError as exc:
        raise ExportError(f"{target.name} fails onnx.checker: {exc}") from None
    return target


def declare_shapes(model: onnx.ModelProto, spec: Dict[str, dict], name: str) -> None:
    """Writes the contract's shapes (symbolic names for dynamic axes, numbers for fixed ones) onto the
    graph's inputs and outputs; the exporter leaves some fixed sizes symbolic (e.g. after an expand)."""
    shapes = {**spec["inputs"], **spec["outputs"]}
    for value in list(model.graph.input) + list(model.graph.output):
        dims = value.type.tensor_type.shape.dim
        want = shapes[value.name]["shape"]
        if len(dims) != len(want):
            raise ExportError(f"{name}: {value.name} has rank {len(dims)}, the contract says {len(want)}")
        for dim, size in zip(dims, want):
            if isinstance(size, str):
                dim.dim_param = size
            else:
                dim.dim_value = size


def file_entry(path: Path, root: Path) -> dict:
    entry = {"path": path.relative_to(root).as_posix(), "sha256": file_sha256(path), "bytes": path.stat().st_size}
    data = path.with_name(path.name + ".data")
    if data.exists():
        entry["externalData"] = file_entry(data, root)
    return entry


def model_card(config: Config, files: Dict[str, Path], out_dir: Path, provenance: dict) -> dict:
    c = config.conditions
    r = c.rhythm
    s = config.sampler
    return {
        "format": MODEL_FORMAT,
        "name": config.name,
        "version": config.version,
        "createdAt": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "sampleRate": config.audio.sample_rate,
        "outputSampleRate": 22050,
        "channels": config.unet.in_channels,
        "segmentSamples": config.audio.segment_samples,
        "lengthMultiple": config.unet.length_multiple(),
        "audioScale": config.audio.audio_scale,
        "sigmaData": config.diffusion.sigma_data,
        "pose": {"fps": c.pose_fps},
        "rhythm": {
            "variant": r.variant, "rate": r.rate, "bins": r.bins, "preMax": r.pre_max, "postMax": r.post_max,
            "preAvg": r.pre_avg, "postAvg": r.post_avg, "delta": r.delta, "wait": r.wait,
            "confidenceThreshold": r.confidence_threshold,
        },
        "visual": {"kind": c.visual.kind, "dim": c.visual.dim, "rate": c.visual.rate},
        "genres": list(c.genres),
        "timeAlignment": c.time_alignment,
        "contexts": context_names(config),
        "sampler": {"name": s.name, "steps": s.steps, "guidanceScale": s.guidance_scale,
                    "sigmaMin": s.sigma_min, "sigmaMax": s.sigma_max, "rho": s.rho},
        "tensors": tensor_specs(config),
        "files": {key: file_entry(path, out_dir) for key, path in files.items()},
        "provenance": provenance,
    }


def export_model(model: LorisModel, out: str, provenance: dict, opset: int = 17,
                 external_data: Optional[bool] = None) -> dict:
    out_dir = Path(out)
    files = export_onnx(model, out_dir, opset, external_data)
    card = model_card(model.config, files, out_dir, provenance)
    (out_dir / "model.json").write_text(json.dumps(card, indent=2) + "\n")
    return card


def portable_manifest(manifest: Optional[str]) -> Optional[str]:
    # A model card travels to other machines: the training machine's absolute path means nothing there,
    # while the corpus folder's name (with the sha256 beside it) still identifies the data.
    if not manifest:
        return manifest
    path = Path(manifest)
    return f"{path.parent.name}/{path.name}" if path.parent.name else path.name


def export_checkpoint(checkpoint: str, out: str, name: Optional[str] = None, opset: int = 17,
                      weights: str = "auto", sampler: Optional[str] = None,
                      sampler_steps: Optional[int] = None) -> dict:
    """`sampler` / `sampler_steps` set the card's default sampling, which training never uses: a model's
    best sampler is found by scoring its outputs after training (provenance keeps the trained config's)."""
    model, state = model_from_checkpoint(checkpoint, weights)
    if name:
        model.config.name = name
    if sampler_steps is not None and sampler_steps < 1:
        raise ExportError(f"--sampler-steps must be at least 1, got {sampler_steps}")
    if sampler:
        model.config.sampler.name = sampler
    if sampler_steps:
        model.config.sampler.steps = sampler_steps
    run = state.get("run", {})
    provenance = {
        "config": state["config"],
        "trainingRun": run.get("trainingRun"),
        "dataset": {"manifest": portable_manifest(run.get("manifest")), "sha256": run.get("datasetSha256")},
        "dataSeed": state["config"]["train"]["seed"],
        "steps": state["step"],
        "weights": state["weights"],
        "emaDecay": state["config"]["train"].get("ema_decay", 0.0),
        "finalLoss": run.get("finalLoss"),
        "valLoss": run.get("valLoss"),
        "parameters": count_parameters(model),
        "checkpointSha256": file_sha256(Path(checkpoint)),
    }
    card = export_model(model, out, provenance, opset)
    print(json.dumps({"event": "exported", "out": out, "files": card["files"]}), flush=True)
    return card
