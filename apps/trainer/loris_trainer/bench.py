"""`python3 -m loris_trainer.bench`: the numbers issue 4 asks for, printed as JSON lines.

- parameters and size (float32 MB) of the paper and tiny configs;
- seconds per training step of tiny at its batch size and window (median, after two warm-up steps);
- one PyTorch denoiser call of tiny on 25 s of audio (batch 1, and batch 2 as guidance runs it)."""

import argparse
import json
import os
import statistics
import tempfile
import time
from pathlib import Path

os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

import torch  # noqa: E402

from .config import load_config  # noqa: E402
from .export import example_inputs  # noqa: E402
from .model import build_model, count_parameters  # noqa: E402
from .sampling import padded_samples  # noqa: E402
from .synthetic import write_corpus  # noqa: E402
from .train import Trainer  # noqa: E402


def report(event: dict) -> None:
    print(json.dumps(event), flush=True)


def bench_sizes() -> None:
    for name in ("tiny", "paper"):
        model = build_model(load_config(name), seed=0)
        params = count_parameters(model)
        report({"bench": "size", "config": name, "parameters": params,
                "conditionerParameters": count_parameters(model.conditioner),
                "denoiserParameters": count_parameters(model.denoiser), "float32MB": round(params * 4 / 1e6, 1)})
        del model


def bench_steps(manifest: str, steps: int) -> None:
    cfg = load_config("tiny")
    with tempfile.TemporaryDirectory() as tmp:
        if not manifest:
            manifest = str(write_corpus(Path(tmp) / "corpus", count=8, seconds=10.0, seed=0))
        trainer = Trainer(cfg, manifest, str(Path(tmp) / "run"))
        times = []
        for i in range(steps + 2):
            start = time.perf_counter()
            trainer.train_step()
            if i >= 2:
                times.append(time.perf_counter() - start)
    report({"bench": "train-step", "config": "tiny", "batchSize": cfg.train.batch_size,
            "windowSamples": cfg.train.crop_samples, "sampleRate": cfg.audio.sample_rate,
            "secondsPerStepMedian": round(statistics.median(times), 3),
            "secondsPerStepMin": round(min(times), 3), "steps": steps, "threads": torch.get_num_threads()})


@torch.no_grad()
def bench_denoiser(repeats: int) -> None:
    cfg = load_config("tiny")
    model = build_model(cfg, seed=0).eval()
    for batch in (1, 2):
        visual, rhythm, genre, samples = example_inputs(cfg, batch=batch, seconds=25.0)
        assert samples == padded_samples(25.0, cfg.audio.sample_rate, cfg.unet.length_multiple())
        cond = model.conditions(visual, rhythm, genre).cond
        x = torch.randn(batch, cfg.unet.in_channels, samples)
        sigma = torch.full((batch,), 0.5)
        model.denoiser(x, sigma, cond)  # warm-up
        times = []
        for _ in range(repeats):
            start = time.perf_counter()
            model.denoiser(x, sigma, cond)
            times.append(time.perf_counter() - start)
        report({"bench": "denoiser-call", "config": "tiny", "seconds": 25.0, "samples": samples,
                "batch": batch, "secondsMedian": round(statistics.median(times), 3),
                "threads": torch.get_num_threads()})


def main() -> None:
    parser = argparse.ArgumentParser(prog="python3 -m loris_trainer.bench")
    parser.add_argument("--manifest", default="", help="train on this corpus (default: a generated one)")
    parser.add_argument("--steps", type=int, default=10)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--skip-sizes", action="store_true")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    report({"bench": "machine", "cpus": os.cpu_count(), "loadAverage": [round(x, 2) for x in os.getloadavg()],
            "torch": torch.__version__})
    if not args.skip_sizes:
        bench_sizes()
    bench_steps(args.manifest, args.steps)
    bench_denoiser(args.repeats)


if __name__ == "__main__":
    main()
