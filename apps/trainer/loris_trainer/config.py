"""Typed configuration (configs/*.yaml), validated on load so a bad file fails before any training."""

import dataclasses
import json
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Optional

import yaml

from .errors import ConfigError
from .rhythm import VARIANTS, RhythmParams

AIST_GENRES = [
    "Break",
    "Pop",
    "Lock",
    "Middle Hip-hop",
    "LA-style Hip-hop",
    "House",
    "Waack",
    "Krump",
    "Street Jazz",
    "Ballet Jazz",
]
TIME_ALIGNMENTS = ("none", "rhythm_channels")
CROSS_ATTENTION_MODES = ("shared", "separate")
LR_DECAYS = ("constant", "cosine")
# The samplers a card may name as its default: those of the Node sampler (libs/inference/src/sampling).
SAMPLER_NAMES = ("adpm2", "euler", "heun", "dpmpp-2m")


@dataclass
class UNetConfig:
    """The audio-diffusion-pytorch v0.0.43 UNet1d hyper-parameters (paper appendix B.1)."""

    channels: int = 256
    in_channels: int = 2
    patch_blocks: int = 1
    patch_factor: int = 32
    multipliers: List[int] = field(default_factory=lambda: [1, 2, 4, 4, 4, 4, 4])
    factors: List[int] = field(default_factory=lambda: [4, 4, 4, 2, 2, 2])
    num_blocks: List[int] = field(default_factory=lambda: [2, 2, 2, 2, 2, 2])
    attentions: List[bool] = field(default_factory=lambda: [False, False, False, True, True, True])
    attention_bottleneck: bool = True
    attention_heads: int = 16
    attention_features: int = 64
    attention_multiplier: int = 2
    resnet_groups: int = 8
    kernel_multiplier_downsample: int = 2
    use_nearest_upsample: bool = False
    use_skip_scale: bool = True
    # The released code attends all three conditions with one cross-attention module per resnet block
    # ("one cross-modal attention block", section 3.3); `separate` gives each condition its own.
    cross_attention: str = "shared"
    # Per down/up level, whether its resnet blocks attend the contexts (the bottleneck always does). None:
    # every level, as the released code. With time-aligned rhythm channels the finest levels get the rhythm
    # without attending 30 tokens/s from thousands of positions, which is most of their cost.
    cross_attentions: Optional[List[bool]] = None
    # The genre context also shifts the noise-level mapping that scales and shifts every resnet block, so
    # the genre reaches the finest levels, where timbre lives, not only the levels that attend contexts.
    genre_mapping: bool = False

    def level_attends_contexts(self, level: int) -> bool:
        return True if self.cross_attentions is None else bool(self.cross_attentions[level])

    def length_multiple(self) -> int:
        """Samples must be a multiple of this: patching times every down-sampling factor."""
        total = self.patch_factor**self.patch_blocks
        for f in self.factors:
            total *= f
        return total


@dataclass
class RhythmConfig(RhythmParams):
    """The rhythm extractor's settings (rhythm.py) plus the rate of the model's rhythm tokens."""

    rate: int = 16

    def params(self) -> RhythmParams:
        return RhythmParams(**{f.name: getattr(self, f.name) for f in dataclasses.fields(RhythmParams)})


@dataclass
class VisualConfig:
    kind: str = "pose-kinematics-v1"
    dim: int = 68
    rate: float = 2.0


@dataclass
class ConditionsConfig:
    # Frame rate of the pose tracks the model was trained on: the rhythm's peak-picking windows count
    # frames, so a track at another rate must be resampled to this one before its rhythm is computed.
    pose_fps: float = 30.0
    features: int = 1024
    heads: int = 16
    head_features: int = 64
    lstm_layers: int = 2
    visual: VisualConfig = field(default_factory=VisualConfig)
    rhythm: RhythmConfig = field(default_factory=RhythmConfig)
    genres: List[str] = field(default_factory=lambda: list(AIST_GENRES))
    # issue 5 item 4: `none` is the paper's path (rhythm reaches the U-Net only through cross-attention);
    # `rhythm_channels` also feeds a rhythm track, sample-and-held at every U-Net level, as input channels.
    time_alignment: str = "none"
    rhythm_channels: int = 4


@dataclass
class DiffusionConfig:
    sigma_data: float = 0.1
    # Training noise levels: ln(sigma) ~ N(p_mean, p_std) ...
    p_mean: float = -3.0
    p_std: float = 1.0
    # ... or, for this share of the rows, ~ N(low_p_mean, low_p_std). Music keeps most of its power in the
    # bass: on the synthetic corpus the bands above 500 Hz hold 16-28 dB less and only become visible
    # through white noise below sigma 0.02-0.05, which N(-1.2, 1.2) draws for 1-6% of rows
    # (models/default/README.md). 0 draws nothing extra, so earlier runs replay exactly.
    low_sigma_share: float = 0.0
    low_p_mean: float = -4.0
    low_p_std: float = 0.8
    guidance_dropout: float = 0.1
    denoised_clamp: float = 1.0


@dataclass
class AudioConfig:
    sample_rate: int = 22050
    segment_samples: int = 2**19
    audio_scale: float = 0.95
    gain_min: float = 0.5
    gain_max: float = 1.0
    random_offset: bool = True


@dataclass
class SamplerConfig:
    name: str = "adpm2"
    steps: int = 50
    guidance_scale: float = 20.0
    sigma_min: float = 1e-4
    sigma_max: float = 3.0
    rho: float = 9.0


@dataclass
class TrainConfig:
    batch_size: int = 10
    # Train on windows of this many samples (0: the whole segment). The conditions are defined per second,
    # so a model trained on shorter windows still generates segment_samples at inference.
    crop_samples: int = 0
    steps: int = 100000
    lr_backbone: float = 3e-6
    lr_new: float = 3e-3
    warmup_steps: int = 1000
    warmup_lr: float = 2e-4
    # After warm-up: "constant" (the paper) or "cosine", which lowers each group's rate to lr_min_ratio of
    # itself by the run's last step.
    lr_decay: str = "constant"
    lr_min_ratio: float = 0.1
    # Exponential moving average of the weights (0: off). Validation and export use the average, which
    # samples better than the last step's weights of a short run at a high learning rate.
    ema_decay: float = 0.0
    betas: List[float] = field(default_factory=lambda: [0.9, 0.96])
    weight_decay: float = 4.5e-2
    grad_clip: float = 0.5
    log_every: int = 10
    checkpoint_every: int = 1000
    val_every: int = 0
    val_batches: int = 4
    seed: int = 0


@dataclass
class Config:
    name: str = "loris"
    version: str = "0.1.0"
    unet: UNetConfig = field(default_factory=UNetConfig)
    conditions: ConditionsConfig = field(default_factory=ConditionsConfig)
    diffusion: DiffusionConfig = field(default_factory=DiffusionConfig)
    audio: AudioConfig = field(default_factory=AudioConfig)
    sampler: SamplerConfig = field(default_factory=SamplerConfig)
    train: TrainConfig = field(default_factory=TrainConfig)

    def to_dict(self) -> Dict[str, Any]:
        return dataclasses.asdict(self)

    def validate(self) -> "Config":
        u, c = self.unet, self.conditions
        n = len(u.multipliers) - 1
        if n < 1 or not (len(u.factors) == len(u.num_blocks) == len(u.attentions) == n):
            raise ConfigError("unet: factors, num_blocks and attentions need len(multipliers) - 1 entries each")
        if u.channels % (u.patch_factor**u.patch_blocks) != 0:
            raise ConfigError("unet.channels must be divisible by patch_factor ** patch_blocks")
        if u.cross_attentions is not None and len(u.cross_attentions) != n:
            raise ConfigError("unet.cross_attentions needs len(multipliers) - 1 entries (or null for every level)")
        if u.cross_attention not in CROSS_ATTENTION_MODES:
            raise ConfigError(f"unet.cross_attention must be one of {CROSS_ATTENTION_MODES}")
        for mult in u.multipliers:
            if (u.channels * mult) % u.resnet_groups != 0:
                raise ConfigError("unet.channels * every multiplier must be divisible by resnet_groups")
        if c.time_alignment not in TIME_ALIGNMENTS:
            raise ConfigError(f"conditions.time_alignment must be one of {', '.join(TIME_ALIGNMENTS)}")
        if self.sampler.name not in SAMPLER_NAMES:
            raise ConfigError(f"sampler.name must be one of {', '.join(SAMPLER_NAMES)}")
        if c.rhythm.variant not in VARIANTS:
            raise ConfigError(f"conditions.rhythm.variant must be one of {', '.join(VARIANTS)}")
        if c.features % 2 != 0 or c.features % c.heads != 0:
            raise ConfigError("conditions.features must be even and divisible by conditions.heads")
        if not isinstance(c.rhythm.rate, int) or c.rhythm.rate < 1:
            raise ConfigError("conditions.rhythm.rate must be a positive whole number of tokens per second")
        if len(set(c.genres)) != len(c.genres) or not c.genres:
            raise ConfigError("conditions.genres must be a non-empty list without repeats")
        if self.audio.segment_samples % u.length_multiple() != 0:
            raise ConfigError(
                f"audio.segment_samples ({self.audio.segment_samples}) must be a multiple of the U-Net's "
                f"down-sampling factor {u.length_multiple()}"
            )
        crop = self.train.crop_samples
        if crop and (crop % u.length_multiple() != 0 or crop > self.audio.segment_samples):
            raise ConfigError(
                f"train.crop_samples must be a multiple of {u.length_multiple()} and at most audio.segment_samples"
            )
        t = self.train
        if t.lr_decay not in LR_DECAYS:
            raise ConfigError(f"train.lr_decay must be one of {', '.join(LR_DECAYS)}")
        if not 0.0 <= t.lr_min_ratio <= 1.0:
            raise ConfigError("train.lr_min_ratio must be in [0, 1]")
        if not 0.0 <= t.ema_decay < 1.0:
            raise ConfigError("train.ema_decay must be in [0, 1) (0 turns the average off)")
        d = self.diffusion
        if not 0.0 <= d.guidance_dropout <= 1.0:
            raise ConfigError("diffusion.guidance_dropout must be in [0, 1]")
        if not 0.0 <= d.low_sigma_share <= 1.0:
            raise ConfigError("diffusion.low_sigma_share must be in [0, 1]")
        if d.p_std <= 0 or d.low_p_std <= 0:
            raise ConfigError("diffusion.p_std and diffusion.low_p_std must be > 0")
        return self


def _build(cls, data: Any, where: str):
    if not isinstance(data, dict):
        raise ConfigError(f"{where or 'config'} must be a mapping")
    hints = typing.get_type_hints(cls)
    names = {f.name for f in dataclasses.fields(cls)}
    unknown = sorted(set(data) - names)
    if unknown:
        raise ConfigError(f"unknown key(s) in {where or 'config'}: {', '.join(unknown)}")
    kwargs = {}
    for key, value in data.items():
        hint = hints[key]
        path = f"{where}.{key}" if where else key
        if dataclasses.is_dataclass(hint):
            kwargs[key] = _build(hint, value, path)
        else:
            kwargs[key] = _coerce(hint, value, path)
    return cls(**kwargs)


def _coerce(hint, value, path):
    origin = typing.get_origin(hint)
    if origin in (list, List):
        if not isinstance(value, list):
            raise ConfigError(f"{path} must be a list")
        (inner,) = typing.get_args(hint)
        return [_coerce(inner, v, path) for v in value]
    if hint is bool:
        if not isinstance(value, bool) and value not in (0, 1):
            raise ConfigError(f"{path} must be true or false")
        return bool(value)
    if hint is int:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or int(value) != value:
            raise ConfigError(f"{path} must be a whole number")
        return int(value)
    if hint is float:
        if isinstance(value, str):  # YAML 1.1 reads 1e-3 (no dot) as a string
            try:
                return float(value)
            except ValueError:
                raise ConfigError(f"{path} must be a number") from None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ConfigError(f"{path} must be a number")
        return float(value)
    if hint is str:
        if not isinstance(value, str):
            raise ConfigError(f"{path} must be a string")
        return value
    return value


def _set_dotted(data: Dict[str, Any], dotted: str, value: Any) -> None:
    keys = dotted.split(".")
    node = data
    for key in keys[:-1]:
        node = node.setdefault(key, {})
        if not isinstance(node, dict):
            raise ConfigError(f"cannot set {dotted}: {key} is not a section")
    node[keys[-1]] = value


def config_from_dict(data: Dict[str, Any]) -> Config:
    return _build(Config, data, "").validate()


def load_config(path_or_name: str, overrides: typing.Sequence[str] = ()) -> Config:
    """Loads configs/<name>.yaml (or a path) and applies `key.sub=value` overrides (values parsed as YAML)."""
    path = Path(path_or_name)
    if not path.suffix:
        path = Path(__file__).resolve().parent.parent / "configs" / f"{path_or_name}.yaml"
    if not path.is_file():
        raise ConfigError(f"config file not found: {path}")
    try:
        data = yaml.safe_load(path.read_text()) or {}
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path} is not valid YAML: {exc}") from None
    for item in overrides:
        if "=" not in item:
            raise ConfigError(f"override {item!r} must look like section.key=value")
        key, raw = item.split("=", 1)
        _set_dotted(data, key.strip(), yaml.safe_load(raw))
    return config_from_dict(data)


def config_json(config: Config) -> str:
    return json.dumps(config.to_dict(), sort_keys=True)


def _type_of(hint) -> Dict[str, Any]:
    """A JSON description of one field's type: the TypeScript side validates overrides against it."""
    origin = typing.get_origin(hint)
    if origin is typing.Union:  # Optional[X]
        inner = [a for a in typing.get_args(hint) if a is not type(None)]
        return {**_type_of(inner[0]), "nullable": True}
    if origin in (list, List):
        (inner,) = typing.get_args(hint)
        return {"type": "list", "items": _type_of(inner)["type"]}
    if origin is typing.Literal:
        return {"type": "str", "choices": list(typing.get_args(hint))}
    names = {bool: "bool", int: "int", float: "float", str: "str"}
    if hint not in names:
        raise TypeError(f"config field type {hint!r} has no schema name")
    return {"type": names[hint]}


def config_schema() -> Dict[str, Any]:
    """Every dotted key of Config (`train.batch_size`) with its type, and the allowed values where the
    validation fixes a set: the contract `startTrainingRun` checks overrides against without Python."""
    keys: Dict[str, Any] = {}

    def walk(cls, prefix: str) -> None:
        hints = typing.get_type_hints(cls)
        for f in dataclasses.fields(cls):
            hint = hints[f.name]
            path = f"{prefix}{f.name}"
            if dataclasses.is_dataclass(hint):
                walk(hint, path + ".")
            else:
                keys[path] = _type_of(hint)

    walk(Config, "")
    choices = {
        "unet.cross_attention": CROSS_ATTENTION_MODES,
        "conditions.time_alignment": TIME_ALIGNMENTS,
        "conditions.rhythm.variant": VARIANTS,
        "train.lr_decay": LR_DECAYS,
    }
    for key, values in choices.items():
        keys[key]["choices"] = list(values)
    # What a run's data must fit before it is queued: each preset's genre vocabulary (an override of
    # conditions.genres replaces it).
    presets = {name: {"conditions.genres": list(load_config(name).conditions.genres)} for name in ("tiny", "paper")}
    return {"format": "loris-trainer-config-schema/1", "keys": keys, "presets": presets}
