"""`python3 -m loris_trainer {train,export,parity-fixture}`."""

import argparse
import os
import sys

# OpenMP threads that spin while waiting turn a busy 2-core machine into a crawl (3x slower steps
# measured); passive waiting costs nothing when the machine is idle. Must be set before torch loads.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

from .config import SAMPLER_NAMES
from .errors import TrainerError


def _threads(value: int, world: int) -> None:
    import torch

    count = value or max(1, (len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1) // world)
    torch.set_num_threads(count)


def _die_with_parent() -> None:
    """With LORIS_PARENT_PID set (the worker that started us), die when that process dies, even by SIGKILL,
    which leaves it no chance to stop us: Linux's parent-death signal, checked once against a parent that
    died before it was set. A run orphaned this way would otherwise train on while its job is retried."""
    expected = os.environ.get("LORIS_PARENT_PID")
    if not expected or not sys.platform.startswith("linux"):
        return
    import ctypes
    import signal

    pr_set_pdeathsig = 1
    ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGKILL, 0, 0, 0)
    if str(os.getppid()) != expected:
        os._exit(137)


def cmd_train(args: argparse.Namespace) -> int:
    import signal

    from .config import config_from_dict, load_config
    from .train import EXIT_CANCELLED, Trainer, distributed_context, load_checkpoint

    _die_with_parent()
    stop = {"requested": False, "trainer": None}

    def on_term(*_args) -> None:  # SIGTERM: finish the step, checkpoint, exit EXIT_CANCELLED
        stop["requested"] = True
        if stop["trainer"] is not None:
            stop["trainer"].request_stop()

    signal.signal(signal.SIGTERM, on_term)

    rank, world = distributed_context()
    _threads(args.threads, world)
    if args.resume:
        config = config_from_dict(load_checkpoint(args.resume)["config"])
    else:
        if not args.config:
            raise TrainerError("train needs --config (or --resume)")
        config = load_config(args.config, args.set or [])
    steps = args.steps or config.train.steps
    config.train.steps = steps  # the horizon of a decaying learning rate, and what the checkpoint records
    device = args.device
    if device == "cuda" and world > 1:  # one GPU per process, as torchrun numbers them
        device = f"cuda:{os.environ.get('LOCAL_RANK', '0')}"
        import torch

        torch.cuda.set_device(device)
    trainer = Trainer(config, args.manifest, args.out, rank=rank, world_size=world, device=device)
    stop["trainer"] = trainer
    if stop["requested"]:  # the signal came while the model was being built
        trainer.request_stop()
    if args.resume:
        trainer.load(args.resume)
    summary = trainer.run(steps)
    return EXIT_CANCELLED if summary["event"] == "cancelled" else 0


def cmd_config_schema(args: argparse.Namespace) -> int:
    import json

    from .config import config_schema

    print(json.dumps(config_schema(), indent=2, sort_keys=True))
    return 0


def cmd_export(args: argparse.Namespace) -> None:
    from .export import export_checkpoint

    _threads(args.threads, 1)
    export_checkpoint(args.checkpoint, args.out, name=args.name, opset=args.opset, weights=args.weights,
                      sampler=args.sampler, sampler_steps=args.sampler_steps)


def cmd_parity(args: argparse.Namespace) -> None:
    from .parity import write_parity_fixture

    _threads(args.threads, 1)
    write_parity_fixture(args.out, steps=args.steps, seconds=args.seconds, seed=args.seed, config=args.config,
                         train_steps=args.train_steps)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python3 -m loris_trainer", description="LORIS trainer")
    sub = parser.add_subparsers(dest="command", required=True)

    train = sub.add_parser("train", help="train a model on a dataset manifest")
    train.add_argument("--config", help="config name in configs/ (paper, tiny) or a YAML path")
    train.add_argument("--manifest", required=True, help="manifest.jsonl or its folder")
    train.add_argument("--out", required=True, help="run folder (checkpoints/, run.json)")
    train.add_argument("--steps", type=int, default=0, help="total steps (default: train.steps)")
    train.add_argument("--resume", help="checkpoint to continue from")
    train.add_argument("--set", action="append", metavar="KEY=VALUE", help="override a config value")
    train.add_argument("--device", default="cpu")
    train.add_argument("--threads", type=int, default=0)
    train.set_defaults(func=cmd_train)

    export = sub.add_parser("export", help="write conditioner.onnx, denoiser.onnx and model.json")
    export.add_argument("--checkpoint", required=True)
    export.add_argument("--out", required=True)
    export.add_argument("--name", default=None)
    export.add_argument("--opset", type=int, default=17)
    export.add_argument("--threads", type=int, default=0)
    export.add_argument("--sampler", choices=SAMPLER_NAMES, default=None,
                        help="the card's default sampler (default: the checkpoint config's)")
    export.add_argument("--sampler-steps", type=int, default=None,
                        help="the card's default sampler steps (default: the checkpoint config's)")
    export.add_argument("--weights", choices=["auto", "ema", "raw"], default="auto",
                        help="the weight average when the run kept one (auto), or the last step's (raw)")
    export.set_defaults(func=cmd_export)

    parity = sub.add_parser("parity-fixture", help="a small model, inputs, noise and the PyTorch sampler output")
    parity.add_argument("--out", required=True)
    parity.add_argument("--steps", type=int, default=10)
    parity.add_argument("--seconds", type=float, default=0.3)
    parity.add_argument("--seed", type=int, default=0)
    parity.add_argument("--train-steps", type=int, default=200, help="brief training of the fixture model")
    parity.add_argument("--config", default="parity", help="config name or YAML path for the fixture model")
    parity.add_argument("--threads", type=int, default=0)
    parity.set_defaults(func=cmd_parity)

    schema = sub.add_parser("config-schema", help="every dotted config key with its type, as JSON")
    schema.set_defaults(func=cmd_config_schema)

    args = parser.parse_args(argv)
    try:
        code = args.func(args)
    except TrainerError as exc:
        import json

        print(json.dumps(exc.to_json()), flush=True)
        print(f"error [{exc.code}]: {exc.message}", file=sys.stderr)
        return 2
    return code or 0


if __name__ == "__main__":
    sys.exit(main())
