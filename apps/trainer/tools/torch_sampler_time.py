"""Times the trainer's PyTorch reference sampler (loris_trainer.sampling.generate: conditioner once, ancestral
DPM2 with classifier-free guidance) for `npm run bench:default-model`, so the ONNX sampler of libs/inference
can be compared with it on the same model, steps and length.

The model is a training checkpoint (--checkpoint, the weights the ONNX model was exported from) or, without
one, the named config with seeded random weights, exported with --export so the Node side times the very
same graphs. Prints one JSON line: {"wallMs", "steps", "samples", "seconds", "threads", "source"}; wallMs excludes a
first one-step warm-up run."""

import argparse
import json
import sys
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--trainer", required=True, help="apps/trainer (the loris_trainer package)")
    parser.add_argument("--checkpoint", help="a training checkpoint; default: --config with random weights")
    parser.add_argument("--config", default="tiny")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--export", help="write the random-weight model's ONNX files and model.json here")
    parser.add_argument("--seconds", type=float, default=25.0)
    parser.add_argument("--steps", type=int, default=50)
    parser.add_argument("--guidance", type=float, default=20.0)
    parser.add_argument("--threads", type=int, default=0)
    args = parser.parse_args()

    sys.path.insert(0, str(Path(args.trainer).resolve()))
    import os

    import torch
    from loris_trainer.config import load_config
    from loris_trainer.export import example_inputs, export_model
    from loris_trainer.model import build_model
    from loris_trainer.sampling import generate
    from loris_trainer.train import model_from_checkpoint

    threads = args.threads or len(os.sched_getaffinity(0))
    torch.set_num_threads(threads)
    if args.checkpoint:
        model, _ = model_from_checkpoint(args.checkpoint)
        source = f"checkpoint {args.checkpoint}"
    else:
        config = load_config(args.config)
        model = build_model(config, seed=args.seed).eval()
        source = f"config {args.config}, random weights (seed {args.seed})"
        if args.export:
            export_model(model, args.export, {"config": config.to_dict(), "note": "random weights, bench only"})
    model.eval()
    visual, rhythm, genre, samples = example_inputs(model.config, batch=1, seconds=args.seconds, seed=args.seed)
    generator = torch.Generator().manual_seed(args.seed)
    # One short warm-up run, so lazy initialisation is not timed (the Node side warms up the same way).
    generate(model, visual, rhythm, genre, samples, steps=1, guidance_scale=args.guidance, generator=generator)
    start = time.perf_counter()
    generate(model, visual, rhythm, genre, samples, steps=args.steps, guidance_scale=args.guidance,
             generator=generator)
    wall_ms = (time.perf_counter() - start) * 1000
    print(json.dumps({"wallMs": wall_ms, "steps": args.steps, "samples": samples, "seconds": args.seconds,
                      "threads": threads, "source": source}), flush=True)


if __name__ == "__main__":
    main()
