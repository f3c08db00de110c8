"""The training manifest (shared-formats.md) as a PyTorch Dataset.

Each example's condition tracks are computed over the whole clip exactly as inference computes them for
that clip (visual features resampled to round(seconds * visual.rate) frames, rhythm peaks resampled to
round(seconds * rhythm.rate) tokens), then a window aligned with the audio crop is cut out, so training
and inference see the same conditions for the same stretch of time."""

import json
import math
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Dict, List, Optional

import numpy as np
import soundfile as sf
import torch
from scipy.signal import resample_poly
from torch.utils.data import Dataset

from .config import Config
from .errors import InvalidPoseTrack, ManifestError
from .features import POSE_FEATURE_DIM, context_length, resample_linear, resample_peaks
from .rhythm import compute_rhythm

SPLITS = ("train", "val", "test")


@dataclass
class ManifestEntry:
    id: str
    audio: Path
    poses: Optional[Path]
    features: Path
    rhythm: Optional[Path]
    genre: str
    split: str


def read_manifest(path: str) -> List[ManifestEntry]:
    manifest = Path(path)
    if manifest.is_dir():
        manifest = manifest / "manifest.jsonl"
    if not manifest.is_file():
        raise ManifestError(f"manifest not found: {manifest}")
    root = manifest.parent
    entries = []
    for number, line in enumerate(manifest.read_text().splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{manifest}:{number}"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ManifestError(f"{where} is not valid JSON ({exc.msg})") from None
        missing = [k for k in ("id", "audio", "features", "genre", "split") if not row.get(k)]
        if missing:
            raise ManifestError(f"{where} lacks {', '.join(missing)}")
        if row.get("poses") is None and row.get("rhythm") is None:
            raise ManifestError(f"{where} needs a poses or a rhythm path to condition on the rhythm")
        if row["split"] not in SPLITS:
            raise ManifestError(f"{where}: split must be one of {', '.join(SPLITS)}, not {row['split']!r}")

        def resolve(key: str) -> Optional[Path]:
            value = row.get(key)
            return None if value is None else root / value

        entries.append(
            ManifestEntry(
                id=str(row["id"]),
                audio=root / row["audio"],
                poses=resolve("poses"),
                features=root / row["features"],
                rhythm=resolve("rhythm"),
                genre=row["genre"],
                split=row["split"],
            )
        )
    if not entries:
        raise ManifestError(f"{manifest} has no examples")
    return entries


def load_audio(path: Path, sample_rate: int) -> np.ndarray:
    """Mono float32 at `sample_rate` (polyphase resampling when the file has another rate)."""
    try:
        data, rate = sf.read(str(path), dtype="float32", always_2d=True)
    except (RuntimeError, sf.LibsndfileError) as exc:  # type: ignore[attr-defined]
        raise ManifestError(f"cannot read audio {path}: {exc}") from None
    mono = data.mean(axis=1)
    if rate != sample_rate:
        ratio = Fraction(sample_rate, rate)
        mono = resample_poly(mono, ratio.numerator, ratio.denominator).astype(np.float32)
    return mono


@dataclass
class ClipTracks:
    audio: np.ndarray  # mono at the model's rate, peak-normalised to 1
    visual: np.ndarray  # [round(seconds * visual.rate), 68]
    rhythm: np.ndarray  # [round(seconds * rhythm.rate)] binary
    genre: int
    seconds: float


class LorisDataset(Dataset):
    def __init__(self, manifest: str, config: Config, split: str = "train", train: bool = True,
                 crop_samples: Optional[int] = None, seed: int = 0):
        self.config = config
        self.entries = [e for e in read_manifest(manifest) if e.split == split]
        if not self.entries:
            raise ManifestError(f"the manifest has no {split!r} examples")
        self.train = train
        self.crop = crop_samples or config.audio.segment_samples
        self.seed = seed
        self.genres = {g: i for i, g in enumerate(config.conditions.genres)}
        self._cache: Dict[int, ClipTracks] = {}

    def __len__(self) -> int:
        return len(self.entries)

    def tracks(self, index: int) -> ClipTracks:
        if index not in self._cache:
            self._cache[index] = self._load(self.entries[index])
        return self._cache[index]

    def _load(self, entry: ManifestEntry) -> ClipTracks:
        cfg = self.config
        if entry.genre not in self.genres:
            raise ManifestError(
                f"{entry.id}: genre {entry.genre!r} is not in the model's vocabulary ({', '.join(self.genres)})"
            )
        audio = load_audio(entry.audio, cfg.audio.sample_rate)
        peak = float(np.abs(audio).max()) if audio.size else 0.0
        audio = audio / peak if peak > 0 else audio
        seconds = audio.shape[0] / cfg.audio.sample_rate
        features = self._features(entry)
        visual = resample_linear(features, context_length(seconds, cfg.conditions.visual.rate))
        rhythm = resample_peaks(self._peaks(entry), context_length(seconds, cfg.conditions.rhythm.rate))
        return ClipTracks(audio.astype(np.float32), visual.astype(np.float32), rhythm.astype(np.float32),
                          self.genres[entry.genre], seconds)

    def _features(self, entry: ManifestEntry) -> np.ndarray:
        try:
            features = np.load(entry.features)
        except (OSError, ValueError) as exc:
            raise ManifestError(f"{entry.id}: cannot read features {entry.features}: {exc}") from None
        if features.ndim != 2 or features.shape[1] != POSE_FEATURE_DIM or features.shape[0] < 1:
            raise ManifestError(
                f"{entry.id}: features must have shape [T, {POSE_FEATURE_DIM}] (pose-kinematics-v1), "
                f"got {list(features.shape)}"
            )
        return features

    def _peaks(self, entry: ManifestEntry) -> np.ndarray:
        rcfg = self.config.conditions.rhythm
        if entry.rhythm is not None:
            data = json.loads(entry.rhythm.read_text())
            if data.get("variant") != rcfg.variant:
                raise ManifestError(
                    f"{entry.id}: precomputed rhythm uses variant {data.get('variant')!r} but the config asks "
                    f"for {rcfg.variant!r}; recompute it or drop the rhythm path"
                )
            return np.asarray(data["peaks"], dtype=np.float64)
        assert entry.poses is not None
        track = json.loads(entry.poses.read_text())
        fps = float(track.get("fps", 0))
        if abs(fps - self.config.conditions.pose_fps) > 1e-6:
            raise ManifestError(
                f"{entry.id}: pose track at {fps} fps but the model's pose fps is "
                f"{self.config.conditions.pose_fps}; resample the poses or set conditions.pose_fps"
            )
        try:
            return compute_rhythm(np.asarray(track["keypoints"]), float(track["fps"]), rcfg.params()).peaks
        except (KeyError, InvalidPoseTrack) as exc:
            raise ManifestError(f"{entry.id}: bad pose track {entry.poses}: {exc}") from None

    def example(self, index: int, position: int = 0) -> Dict[str, torch.Tensor]:
        """Example `index`; `position` (its place in the training stream) seeds its crop and gain."""
        cfg = self.config
        clip = self.tracks(index)
        sr = cfg.audio.sample_rate
        crop_seconds = self.crop / sr
        rate = cfg.conditions.rhythm.rate
        lv = context_length(crop_seconds, cfg.conditions.visual.rate)
        lr = context_length(crop_seconds, rate)
        rng = np.random.default_rng([self.seed, position, index])
        # Crops start on the rhythm token grid so the rhythm window is exact.
        max_token = max(0, math.floor((clip.seconds - crop_seconds) * rate + 1e-9))
        token = int(rng.integers(0, max_token + 1)) if (self.train and cfg.audio.random_offset) else 0
        start_seconds = token / rate
        gain = float(rng.uniform(cfg.audio.gain_min, cfg.audio.gain_max)) if self.train else 1.0
        audio = _window(clip.audio, int(round(start_seconds * sr)), self.crop)
        audio = audio * (cfg.audio.audio_scale * gain)
        visual = _window(clip.visual, int(round(start_seconds * cfg.conditions.visual.rate)), lv)
        rhythm = _window(clip.rhythm, token, lr)
        return {
            "audio": torch.from_numpy(np.stack([audio] * cfg.unet.in_channels).astype(np.float32)),
            "visual": torch.from_numpy(visual.astype(np.float32)),
            "rhythm": torch.from_numpy(rhythm.astype(np.float32)),
            "genre": torch.tensor(clip.genre, dtype=torch.int64),
        }

    def __getitem__(self, index: int) -> Dict[str, torch.Tensor]:
        return self.example(index)


def _window(track: np.ndarray, start: int, length: int) -> np.ndarray:
    out = np.zeros((length,) + track.shape[1:], dtype=track.dtype)
    part = track[start : start + length]
    out[: part.shape[0]] = part
    return out


def collate(examples: List[Dict[str, torch.Tensor]]) -> Dict[str, torch.Tensor]:
    return {key: torch.stack([e[key] for e in examples]) for key in examples[0]}
