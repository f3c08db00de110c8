"""Training: AdamW with the paper's two parameter groups and warm-up, gradient clipping, checkpoints that
resume exactly, DDP over `torchrun`, and one JSON line per logged step on stdout.

Exact resume: everything random in a step (which examples, their crop and gain, sigmas, noise, guidance
dropout) is a pure function of (seed, rank, step or stream position), so a checkpoint only needs the
model, the optimiser, the schedule and the stream position to continue bit-for-bit."""

import hashlib
import json
import math
import os
import random
import sys
import time
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Dict, Iterator, List, Optional, TextIO

import numpy as np
import torch
import torch.distributed as dist
from torch.nn.parallel import DistributedDataParallel

from .config import Config, DiffusionConfig, config_from_dict
from .data import LorisDataset, collate
from .errors import CheckpointError, ManifestError
from .model import build_model, count_parameters

CHECKPOINT_FORMAT = "loris-checkpoint/1"
# Exit status of a run stopped by SIGTERM after saving its checkpoint: distinct from success (0), a trainer
# error (2) and a crash (1), so the worker tells a cancelled run from a failed one.
EXIT_CANCELLED = 3


def emit(event: dict, stream: TextIO = sys.stdout) -> None:
    stream.write(json.dumps(event) + "\n")
    stream.flush()
    from .report import emitted  # also to the API, when a training pod's environment asks (report.py)

    emitted(event)


def step_generator(*keys: int) -> torch.Generator:
    seed = int(np.random.SeedSequence([int(k) for k in keys]).generate_state(1, dtype=np.uint64)[0]) >> 1
    return torch.Generator().manual_seed(seed)


def training_sigmas(d: DiffusionConfig, rows: int, g: torch.Generator) -> torch.Tensor:
    """Each row's noise level: ln(sigma) from N(p_mean, p_std), or for a `low_sigma_share` of the rows from
    N(low_p_mean, low_p_std). With no share it draws exactly what it always drew (resumed runs replay)."""
    sigma = torch.exp(d.p_mean + d.p_std * torch.randn(rows, generator=g))
    if d.low_sigma_share <= 0:
        return sigma
    low = torch.exp(d.low_p_mean + d.low_p_std * torch.randn(rows, generator=g))
    return torch.where(torch.rand(rows, generator=g) < d.low_sigma_share, low, sigma)


class LearningRateSchedule:
    """Linear warm-up of every group to `warmup_lr` over `warmup_steps` (paper section 5.1), then each
    group's own rate (backbone vs new layers): held constant, as in the paper, or lowered along a cosine to
    `min_ratio` of itself at `total_steps`."""

    def __init__(self, warmup_steps: int, warmup_lr: float, decay: str = "constant", total_steps: int = 0,
                 min_ratio: float = 0.1):
        self.warmup_steps = warmup_steps
        self.warmup_lr = warmup_lr
        self.decay = decay
        self.total_steps = total_steps
        self.min_ratio = min_ratio

    def rate(self, base_lr: float, step: int) -> float:
        if step < self.warmup_steps:
            return self.warmup_lr * (step + 1) / self.warmup_steps
        if self.decay == "constant" or self.total_steps <= self.warmup_steps:
            return base_lr
        progress = min(1.0, (step - self.warmup_steps) / (self.total_steps - self.warmup_steps))
        return base_lr * (self.min_ratio + (1.0 - self.min_ratio) * 0.5 * (1.0 + math.cos(math.pi * progress)))

    def apply(self, optimizer: torch.optim.Optimizer, step: int) -> None:
        for group in optimizer.param_groups:
            group["lr"] = self.rate(group["base_lr"], step)

    def state_dict(self) -> dict:
        return {"warmup_steps": self.warmup_steps, "warmup_lr": self.warmup_lr, "decay": self.decay,
                "min_ratio": self.min_ratio}

    def load_state_dict(self, state: dict) -> None:
        # The horizon (total_steps) is the resumed run's own; checkpoints from before the decay option
        # were constant.
        self.warmup_steps = state["warmup_steps"]
        self.warmup_lr = state["warmup_lr"]
        self.decay = state.get("decay", "constant")
        self.min_ratio = state.get("min_ratio", self.min_ratio)


class WeightAverage:
    """Exponential moving average of a model's floating-point weights and buffers. The decay ramps up as
    (1 + step) / (10 + step) until it reaches `decay`, so the first steps' random weights fade quickly."""

    def __init__(self, model: torch.nn.Module, decay: float):
        self.decay = decay
        self.shadow = {k: v.detach().clone() for k, v in model.state_dict().items() if v.is_floating_point()}

    def decay_at(self, step: int) -> float:
        return min(self.decay, (1.0 + step) / (10.0 + step))

    @torch.no_grad()
    def update(self, model: torch.nn.Module, step: int) -> None:
        keep = self.decay_at(step)
        for name, value in model.state_dict().items():
            if name in self.shadow:
                self.shadow[name].mul_(keep).add_(value.detach(), alpha=1.0 - keep)

    def state_dict(self) -> Dict[str, torch.Tensor]:
        return {k: v.clone() for k, v in self.shadow.items()}

    def load_state_dict(self, state: Dict[str, torch.Tensor]) -> None:
        missing = set(self.shadow) - set(state)
        if missing:
            raise CheckpointError(f"the checkpoint's weight average lacks {len(missing)} tensors, e.g. {min(missing)}")
        for name in self.shadow:
            self.shadow[name].copy_(state[name])

    @contextmanager
    def applied(self, model: torch.nn.Module) -> Iterator[None]:
        """Runs the block with the averaged weights in `model`, then puts the trained ones back."""
        raw = {k: v.detach().clone() for k, v in model.state_dict().items() if k in self.shadow}
        model.load_state_dict(self.shadow, strict=False)
        try:
            yield
        finally:
            model.load_state_dict(raw, strict=False)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def manifest_file(manifest: str) -> Path:
    path = Path(manifest)
    return path / "manifest.jsonl" if path.is_dir() else path


class Trainer:
    def __init__(self, config: Config, manifest: str, out_dir: str, *, rank: int = 0, world_size: int = 1,
                 device: str = "cpu", stream: TextIO = sys.stdout):
        self.config = config
        self.rank = rank
        self.world_size = world_size
        self.device = torch.device(device)
        self.stream = stream
        self.out_dir = Path(out_dir)
        self.manifest = str(manifest_file(manifest).resolve())
        tc = config.train
        self.batch_size = tc.batch_size
        self.crop = tc.crop_samples or config.audio.segment_samples
        self.model = build_model(config, seed=tc.seed).to(self.device)
        self.net: torch.nn.Module = self.model
        if world_size > 1:
            ids = [self.device.index] if self.device.type == "cuda" else None
            self.net = DistributedDataParallel(self.model, device_ids=ids)
        self.optimizer = torch.optim.AdamW(
            self.model.parameter_groups(tc.lr_backbone, tc.lr_new, tc.weight_decay),
            betas=(tc.betas[0], tc.betas[1]),
        )
        self.schedule = LearningRateSchedule(tc.warmup_steps, tc.warmup_lr, tc.lr_decay, tc.steps, tc.lr_min_ratio)
        self.ema: Optional[WeightAverage] = WeightAverage(self.model, tc.ema_decay) if tc.ema_decay > 0 else None
        self.data = LorisDataset(manifest, config, "train", train=True, crop_samples=self.crop, seed=tc.seed)
        try:
            self.val: Optional[LorisDataset] = LorisDataset(manifest, config, "val", train=False,
                                                            crop_samples=self.crop, seed=tc.seed)
        except ManifestError:
            self.val = None
        self.step = 0
        self.position = 0  # examples of the training stream consumed by all ranks together
        self.val_loss: Optional[float] = None
        self.recent: List[float] = []  # the last 50 training losses (the run's "final loss")
        self.dataset_sha256 = file_sha256(Path(self.manifest))
        self.stop_requested = False  # set by request_stop() (SIGTERM): the loop ends after the current step

    def request_stop(self, *_args) -> None:
        """A signal handler: only sets a flag, so the step in progress finishes and its state is consistent."""
        self.stop_requested = True

    def should_stop(self) -> bool:
        """Whether any rank was asked to stop: every rank must leave the loop at the same step."""
        if self.world_size <= 1:
            return self.stop_requested
        flag = torch.tensor([1.0 if self.stop_requested else 0.0], device=self.device)
        dist.all_reduce(flag)
        return bool(flag.item() > 0)

    # --- data -------------------------------------------------------------------------------------------
    def stream_index(self, position: int) -> int:
        """The training stream is an endless concatenation of seeded permutations, one per epoch."""
        n = len(self.data)
        epoch, offset = divmod(position, n)
        order = np.random.default_rng([self.config.train.seed, epoch]).permutation(n)
        return int(order[offset])

    def batch_at(self, position: int) -> Dict[str, torch.Tensor]:
        first = position + self.rank * self.batch_size
        positions = range(first, first + self.batch_size)
        examples = [self.data.example(self.stream_index(p), p) for p in positions]
        return {k: v.to(self.device) for k, v in collate(examples).items()}

    def randomness(self, batch: Dict[str, torch.Tensor], *keys: int):
        d = self.config.diffusion
        g = step_generator(self.config.train.seed, *keys)
        b = batch["audio"].shape[0]
        sigma = training_sigmas(d, b, g)
        drop = torch.rand(b, generator=g) < d.guidance_dropout
        noise = torch.randn(batch["audio"].shape, generator=g)
        return sigma.to(self.device), noise.to(self.device), drop.to(self.device)

    # --- steps ------------------------------------------------------------------------------------------
    def train_step(self) -> float:
        self.model.train()
        self.schedule.apply(self.optimizer, self.step)
        batch = self.batch_at(self.position)
        sigma, noise, drop = self.randomness(batch, self.rank, self.step)
        loss = self.net(batch, sigma, noise, drop)
        self.optimizer.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(self.model.parameters(), self.config.train.grad_clip)
        self.optimizer.step()
        if self.ema is not None:
            self.ema.update(self.model, self.step)
        self.step += 1
        self.position += self.batch_size * self.world_size
        value = loss.detach()
        if self.world_size > 1:
            dist.all_reduce(value)
            value = value / self.world_size
        self.recent = (self.recent + [float(value)])[-50:]
        return float(value)

    @torch.no_grad()
    def evaluate(self, batches: int) -> Optional[float]:
        """Loss on the first `batches` val batches with fixed noise: comparable across steps and runs."""
        if self.val is None:
            return None
        self.model.eval()
        losses = []
        with self.ema.applied(self.model) if self.ema is not None else nullcontext():
            for b in range(batches):
                indices = [(b * self.batch_size + i) % len(self.val) for i in range(self.batch_size)]
                batch = {k: v.to(self.device) for k, v in collate([self.val.example(i) for i in indices]).items()}
                sigma, noise, drop = self.randomness(batch, 1_000_003, b)
                losses.append(float(self.model(batch, sigma, noise, torch.zeros_like(drop))))
        return float(np.mean(losses))

    # --- checkpoints ------------------------------------------------------------------------------------
    def checkpoint_state(self) -> dict:
        return {
            "format": CHECKPOINT_FORMAT,
            "config": self.config.to_dict(),
            "step": self.step,
            "model": self.model.state_dict(),
            "ema": self.ema.state_dict() if self.ema is not None else None,
            "optimizer": self.optimizer.state_dict(),
            "schedule": self.schedule.state_dict(),
            "rng": {"torch": torch.get_rng_state(), "numpy": np.random.get_state(), "python": random.getstate()},
            "recentLosses": list(self.recent),
            "data": {"position": self.position, "seed": self.config.train.seed, "batchSize": self.batch_size,
                     "worldSize": self.world_size, "cropSamples": self.crop},
            "run": {"manifest": self.manifest, "datasetSha256": self.dataset_sha256,
                    "trainingRun": self.out_dir.name, "valLoss": self.val_loss,
                    "finalLoss": float(np.mean(self.recent)) if self.recent else None},
        }

    def save(self, path: Path) -> Path:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        torch.save(self.checkpoint_state(), tmp)
        os.replace(tmp, path)
        return path

    def load(self, path: str) -> None:
        state = load_checkpoint(path)
        self.model.load_state_dict(state["model"])
        self.optimizer.load_state_dict(state["optimizer"])
        self.schedule.load_state_dict(state["schedule"])
        if self.ema is not None:
            if state.get("ema") is None:
                raise CheckpointError(f"{path} has no weight average, but train.ema_decay is on")
            self.ema.load_state_dict(state["ema"])
        self.step = int(state["step"])
        self.position = int(state["data"]["position"])
        self.val_loss = state["run"].get("valLoss")
        self.recent = list(state.get("recentLosses", []))
        rng = state["rng"]
        torch.set_rng_state(rng["torch"])
        np.random.set_state(rng["numpy"])
        random.setstate(rng["python"])

    # --- the loop ---------------------------------------------------------------------------------------
    def save_checkpoints(self) -> Path:
        """The step's own file and last.pt (rank 0), then one `checkpoint` event naming last.pt."""
        if self.rank == 0:
            step_path = self.save(self.out_dir / "checkpoints" / f"step-{self.step:07d}.pt")
            last = self.save(self.out_dir / "checkpoints" / "last.pt")
            emit({"event": "checkpoint", "step": self.step, "path": str(last)}, self.stream)
        else:
            step_path = self.out_dir / "checkpoints" / f"step-{self.step:07d}.pt"
        if self.world_size > 1:
            dist.barrier()
        return step_path

    def run(self, total_steps: int) -> dict:
        tc = self.config.train
        started = time.time()
        window: List[float] = []
        last_log = time.time()
        steps_since_log = 0
        last_path: Optional[Path] = None
        while self.step < total_steps:
            loss = self.train_step()
            window.append(loss)
            steps_since_log += 1
            done = self.step >= total_steps
            if self.rank == 0 and (self.step % tc.log_every == 0 or done):
                now = time.time()
                emit({"event": "step", "step": self.step, "loss": loss,
                      "lr": self.optimizer.param_groups[1]["lr"],
                      "secondsPerStep": (now - last_log) / steps_since_log}, self.stream)
                last_log, steps_since_log = now, 0
            if tc.val_every and (self.step % tc.val_every == 0 or done) and self.rank == 0:
                self.val_loss = self.evaluate(tc.val_batches)
                if self.val_loss is not None:
                    emit({"event": "val", "step": self.step, "loss": self.val_loss}, self.stream)
            saved = (tc.checkpoint_every and self.step % tc.checkpoint_every == 0) or done
            if saved:
                last_path = self.save_checkpoints()
            if not done and self.should_stop():
                # Asked to stop (SIGTERM): keep this step's state, say where it is, and leave the loop.
                if not saved:
                    self.save_checkpoints()
                if self.rank == 0:
                    emit({"event": "cancelled", "step": self.step,
                          "checkpoint": str(self.out_dir / "checkpoints" / "last.pt")}, self.stream)
                return {"event": "cancelled", "step": self.step}
        summary = {
            "event": "done",
            "step": self.step,
            "loss": window[-1] if window else None,
            "finalLoss": float(np.mean(self.recent)) if self.recent else None,
            "valLoss": self.val_loss,
            "checkpoint": str(self.out_dir / "checkpoints" / "last.pt"),
            "stepCheckpoint": str(last_path) if last_path else None,
            "seconds": time.time() - started,
            "worldSize": self.world_size,
            "parameters": count_parameters(self.model),
        }
        if self.rank == 0:
            (self.out_dir / "run.json").write_text(json.dumps(summary, indent=2))
            emit(summary, self.stream)
        return summary


def load_checkpoint(path: str) -> dict:
    if not Path(path).is_file():
        raise CheckpointError(f"checkpoint not found: {path}")
    try:
        state = torch.load(path, map_location="cpu")
    except Exception as exc:  # torch raises many types for a damaged file
        raise CheckpointError(f"cannot read checkpoint {path}: {exc}") from None
    if not isinstance(state, dict) or state.get("format") != CHECKPOINT_FORMAT:
        raise CheckpointError(f"{path} is not a {CHECKPOINT_FORMAT} checkpoint")
    return state


def model_from_checkpoint(path: str, weights: str = "auto"):
    """The checkpoint's model, in eval mode, with its averaged weights ("ema"), its last step's ("raw"), or
    the average when the run kept one ("auto"). state["weights"] says which were loaded."""
    state = load_checkpoint(path)
    config = config_from_dict(state["config"])
    model = build_model(config)
    model.load_state_dict(state["model"])
    if weights not in ("auto", "ema", "raw"):
        raise CheckpointError(f"weights must be auto, ema or raw, not {weights}")
    average = state.get("ema")
    if weights == "ema" and average is None:
        raise CheckpointError(f"{path} has no weight average (train.ema_decay was 0); use raw weights")
    use_average = average is not None and weights != "raw"
    if use_average:
        model.load_state_dict(average, strict=False)
    state["weights"] = "ema" if use_average else "raw"
    model.eval()
    return model, state


def distributed_context() -> tuple:
    """(rank, world size) from torchrun's environment; starts the gloo group (CPU) or nccl (CUDA)."""
    world = int(os.environ.get("WORLD_SIZE", "1"))
    if world <= 1:
        return 0, 1
    backend = "nccl" if torch.cuda.is_available() and os.environ.get("LORIS_DDP_BACKEND") != "gloo" else "gloo"
    dist.init_process_group(backend=backend)
    return dist.get_rank(), dist.get_world_size()
