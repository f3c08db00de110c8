"""Visual rhythm from 2-D poses (paper section 3.2, eq. 4-7), in the two variants libs/rhythm implements.

`paper`: the equations as written. Motions M(t, j) are first differences of the keypoints (eq. 4's input);
the directogram D(t, k) sums |M| of the joints whose direction atan2(dy, dx), taken in [0, 2pi), falls in
the k-th of K equal sectors (eq. 4-5); the onset envelope O(t) sums the positive bin-wise increase of D
(eq. 6) and is divided by its maximum (eta); a frame is a rhythm peak (eq. 7) when O(t) > 0 is the maximum
of O[t - pre_max .. t + post_max], at least mean(O[t - pre_avg .. t + post_avg]) + delta * O(t) (the
threshold is "0.2 multiples by the current local maxima", section 5.1), and more than `wait` frames after
the previous peak. Windows are centred, inclusive and truncated at the ends.

`reference`: what the authors' released rhythm encoder computes (OpenGVLab/LORIS d2m/loris_modules.py,
RhythmEncoder), described in fixtures/README.md: bins by whole degrees modulo 180 then modulo K,
forward-looking windows of pre + post frames zero-padded at the end, a threshold of `threshold` x the mean
envelope, and a peak kept only where the next frame is not a peak.

A track of T frames gives T - 2 envelope values; value i describes the change of motion around frame i + 1.
Joints below the confidence threshold contribute no motion: M(t, j) is zero unless joint j is confident
in both frames t and t + 1.
"""

from dataclasses import dataclass
from typing import Literal, Optional

import numpy as np

from .errors import InvalidPoseTrack

Variant = Literal["paper", "reference"]
VARIANTS = ("paper", "reference")


@dataclass
class RhythmParams:
    variant: Variant = "paper"
    bins: int = 10
    pre_max: int = 3
    post_max: int = 3
    pre_avg: int = 2
    post_avg: int = 2
    delta: float = 0.2
    wait: int = 1
    confidence_threshold: float = 0.3

    @staticmethod
    def reference() -> "RhythmParams":
        # The released code's settings (fixtures/README.md): threshold 0.1 x mean envelope.
        return RhythmParams(variant="reference", delta=0.1)


@dataclass
class Rhythm:
    variant: str
    fps: float
    envelope: np.ndarray  # [T - 2] float64 in [0, 1]
    peaks: np.ndarray  # [T - 2] uint8 binary

    def peak_frames(self) -> np.ndarray:
        return np.flatnonzero(self.peaks)

    def to_json(self) -> dict:
        return {
            "variant": self.variant,
            "fps": self.fps,
            "envelope": [float(v) for v in self.envelope],
            "peaks": [int(v) for v in self.peaks],
        }


def validate_keypoints(keypoints: np.ndarray, fps: float, min_frames: int = 3) -> np.ndarray:
    kp = np.asarray(keypoints, dtype=np.float64)
    if kp.ndim != 3 or kp.shape[1] != 17 or kp.shape[2] != 3:
        raise InvalidPoseTrack(
            f"keypoints must have shape [T][17][3] (COCO-17 x, y, confidence); got {list(kp.shape)}"
        )
    if kp.shape[0] < min_frames:
        raise InvalidPoseTrack(f"a pose track needs at least {min_frames} frames here; got {kp.shape[0]}")
    if not np.all(np.isfinite(kp)):
        raise InvalidPoseTrack("keypoints contain NaN or infinite values")
    if not (0 < fps <= 240):
        raise InvalidPoseTrack(f"fps must be in (0, 240]; got {fps}")
    return kp


def motions(keypoints: np.ndarray, confidence_threshold: float) -> np.ndarray:
    """First differences of (x, y) [T-1, 17, 2]; zero where a joint is unconfident in either frame."""
    xy = keypoints[:, :, :2]
    confident = keypoints[:, :, 2] >= confidence_threshold
    both = confident[1:] & confident[:-1]
    return (xy[1:] - xy[:-1]) * both[:, :, None]


def directogram(m: np.ndarray, params: RhythmParams) -> np.ndarray:
    """Eq. 4-5: magnitude-weighted histogram of motion directions, [T-1, K]."""
    magnitude = np.hypot(m[..., 0], m[..., 1])
    angle = np.arctan2(m[..., 1], m[..., 0])
    if params.variant == "reference":
        bins = np.floor(np.mod(np.degrees(angle), 180.0)).astype(np.int64) % params.bins
    else:
        sector = 2.0 * np.pi / params.bins
        bins = np.minimum(np.floor(np.mod(angle, 2.0 * np.pi) / sector).astype(np.int64), params.bins - 1)
    out = np.zeros((m.shape[0], params.bins), dtype=np.float64)
    rows = np.repeat(np.arange(m.shape[0]), m.shape[1])
    np.add.at(out, (rows, bins.reshape(-1)), magnitude.reshape(-1))
    return out


def onset_envelope(d: np.ndarray) -> np.ndarray:
    """Eq. 6: summed positive increase of the directogram, divided by its maximum (0 stays 0)."""
    flux = np.maximum(d[1:] - d[:-1], 0.0).sum(axis=1)
    top = flux.max() if flux.size else 0.0
    return flux / top if top > 0 else flux


def pick_peaks_paper(env: np.ndarray, p: RhythmParams) -> np.ndarray:
    n = env.shape[0]
    peaks = np.zeros(n, dtype=np.uint8)
    last = -np.inf
    for t in range(n):
        value = env[t]
        if value <= 0:
            continue
        local_max = env[max(0, t - p.pre_max) : t + p.post_max + 1].max()
        if value != local_max:
            continue
        local_mean = env[max(0, t - p.pre_avg) : t + p.post_avg + 1].mean()
        if value < local_mean + p.delta * local_max:
            continue
        if t > last + p.wait:
            peaks[t] = 1
            last = t
    return peaks


def _forward_window(env: np.ndarray, width: int, reduce) -> np.ndarray:
    # torch.unfold(1, width, 1) then right-padded with zeros to the input length.
    n = env.shape[0]
    out = np.zeros(n, dtype=env.dtype)
    if width <= n:
        windows = np.lib.stride_tricks.sliding_window_view(env, width)
        out[: windows.shape[0]] = reduce(windows, axis=1)
    return out


def pick_peaks_reference(env: np.ndarray, p: RhythmParams) -> np.ndarray:
    env32 = env.astype(np.float32)  # the released encoder runs in float32
    local_mean = _forward_window(env32, p.pre_avg + p.post_avg, np.mean)
    local_max = _forward_window(env32, p.pre_max + p.post_max, np.max)
    threshold = np.float32(p.delta) * env32.mean(dtype=np.float32)
    peak = ((local_max - local_mean) > threshold) & (local_max == env32)
    peak = peak.astype(np.int64)
    keep = np.zeros_like(peak)
    keep[:-1] = peak[1:] - peak[:-1]
    return (peak * (keep != 0)).astype(np.uint8)


def compute_rhythm(keypoints, fps: float, params: Optional[RhythmParams] = None) -> Rhythm:
    params = params or RhythmParams()
    if params.variant not in VARIANTS:
        raise InvalidPoseTrack(f"unknown rhythm variant {params.variant!r}; use one of {', '.join(VARIANTS)}")
    kp = validate_keypoints(keypoints, fps)
    if params.variant == "reference":
        env = onset_envelope(directogram(motions(kp, params.confidence_threshold), params))
        env = env.astype(np.float32).astype(np.float64)
        peaks = pick_peaks_reference(env, params)
    else:
        env = onset_envelope(directogram(motions(kp, params.confidence_threshold), params))
        peaks = pick_peaks_paper(env, params)
    return Rhythm(variant=params.variant, fps=float(fps), envelope=env, peaks=peaks)
