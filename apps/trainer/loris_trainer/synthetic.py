"""A small deterministic paired corpus for the trainer's tests and the parity fixture: a dancer whose
limbs swing out and back on every beat, and a click track on the same beats, in the manifest format.
(libs/synth makes the real synthetic corpus; this one only needs to exist without it.)"""

import json
from pathlib import Path
from typing import List

import numpy as np
import soundfile as sf

from .config import AIST_GENRES
from .features import pose_features

BASE_POSE = np.array(
    [[960, 300], [950, 290], [970, 290], [940, 295], [980, 295], [900, 380], [1020, 380], [870, 470],
     [1050, 470], [850, 560], [1070, 560], [930, 580], [990, 580], [925, 720], [995, 720], [920, 860],
     [1000, 860]],
    dtype=np.float64,
)


def beat_times(rng: np.random.Generator, seconds: float) -> np.ndarray:
    period = 60.0 / rng.uniform(90, 140)
    beats = np.arange(rng.uniform(0.1, period), seconds - 0.1, period)
    keep = rng.random(beats.shape[0]) > 0.15  # rests
    return beats[keep]


def pose_track(beats: np.ndarray, seconds: float, fps: int, rng: np.random.Generator) -> np.ndarray:
    frames = int(round(seconds * fps))
    t = np.arange(frames) / fps
    # Each limb swings one way, then snaps back right after a beat: a direction change = a rhythm peak.
    phase = np.zeros(frames)
    for b in beats:
        phase += np.clip((t - b) * 8.0, 0, 1) * (1 - np.clip((t - b - 0.12) * 8.0, 0, 1))
    kp = np.zeros((frames, 17, 3))
    directions = rng.normal(size=(17, 2)) * np.array([[1.0, 1.0]])
    limbs = np.isin(np.arange(17), [7, 8, 9, 10, 13, 14, 15, 16])
    for j in range(17):
        amp = 40.0 if limbs[j] else 6.0
        kp[:, j, 0] = BASE_POSE[j, 0] + amp * directions[j, 0] * phase + rng.normal(0, 0.3, frames)
        kp[:, j, 1] = BASE_POSE[j, 1] + amp * directions[j, 1] * phase + rng.normal(0, 0.3, frames)
        kp[:, j, 2] = 0.9
    return kp


def click_track(beats: np.ndarray, seconds: float, sample_rate: int, rng: np.random.Generator) -> np.ndarray:
    n = int(round(seconds * sample_rate))
    audio = rng.normal(0, 0.003, n)
    burst = np.exp(-np.arange(int(0.08 * sample_rate)) / (0.012 * sample_rate))
    tone = np.sin(2 * np.pi * 180 * np.arange(burst.shape[0]) / sample_rate)
    for b in beats:
        i = int(b * sample_rate)
        seg = (0.6 * tone + 0.4 * rng.normal(size=burst.shape[0])) * burst
        audio[i : i + seg.shape[0]] += seg[: max(0, n - i)]
    return (audio / np.abs(audio).max() * 0.8).astype(np.float32)


def write_corpus(out: Path, count: int = 6, seconds: float = 4.0, seed: int = 0, fps: int = 30,
                 sample_rate: int = 22050, precomputed_rhythm: bool = False) -> Path:
    rng = np.random.default_rng(seed)
    for sub in ("audio", "poses", "features"):
        (out / sub).mkdir(parents=True, exist_ok=True)
    splits = ["val" if i == 1 else "test" if i == 2 else "train" for i in range(count)]
    rows: List[dict] = []
    for i in range(count):
        ex_id = f"test-{i:04d}"
        beats = beat_times(rng, seconds)
        kp = pose_track(beats, seconds, fps, rng)
        sf.write(out / "audio" / f"{ex_id}.wav", click_track(beats, seconds, sample_rate, rng), sample_rate,
                 subtype="PCM_16")
        (out / "poses" / f"{ex_id}.json").write_text(json.dumps({"fps": fps, "keypoints": kp.round(3).tolist()}))
        np.save(out / "features" / f"{ex_id}.npy", pose_features(kp, fps))
        rows.append({
            "id": ex_id, "audio": f"audio/{ex_id}.wav", "poses": f"poses/{ex_id}.json",
            "features": f"features/{ex_id}.npy", "rhythm": None, "genre": AIST_GENRES[i % len(AIST_GENRES)],
            "split": splits[i], "seconds": seconds, "fps": fps, "sampleRate": sample_rate,
        })
    (out / "manifest.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    return out / "manifest.jsonl"
