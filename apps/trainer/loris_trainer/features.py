"""Condition tracks at a model's rates: resampling (shared-formats.md, mirrored from libs/rhythm) and the
`pose-kinematics-v1` visual features computed from a pose track."""

import numpy as np

from .rhythm import validate_keypoints

POSE_FEATURE_KIND = "pose-kinematics-v1"
POSE_FEATURE_DIM = 68


def context_length(seconds: float, rate: float) -> int:
    """Tokens a condition gets for `seconds` of audio at `rate` tokens per second (at least 1)."""
    return max(1, int(round(seconds * rate)))


def resample_linear(frames: np.ndarray, length: int) -> np.ndarray:
    """out[i] = linear interpolation at source position i * (T - 1) / (L - 1); L = 1 gives frame 0."""
    src = np.asarray(frames, dtype=np.float64)
    t = src.shape[0]
    if t == 0:
        raise ValueError("cannot resample an empty track")
    if length == 1 or t == 1:
        return np.repeat(src[:1], length, axis=0)
    pos = np.arange(length, dtype=np.float64) * (t - 1) / (length - 1)
    lo = np.minimum(np.floor(pos).astype(np.int64), t - 1)
    hi = np.minimum(lo + 1, t - 1)
    w = pos - lo
    if src.ndim > 1:
        w = w.reshape((-1,) + (1,) * (src.ndim - 1))
    return src[lo] * (1.0 - w) + src[hi] * w


def _bins(n: int, length: int) -> np.ndarray:
    # floor(i * L / N) in integers, so no peak lands in the wrong bin through rounding.
    return (np.arange(n, dtype=np.int64) * length) // n


def resample_peaks(binary: np.ndarray, length: int) -> np.ndarray:
    """Keeps every peak: max-pool into floor(i * L / N) when L <= N, scatter to it when L > N."""
    b = np.asarray(binary, dtype=np.float64)
    n = b.shape[0]
    out = np.zeros(length, dtype=np.float64)
    if n == 0:
        return out
    if length <= n:
        np.maximum.at(out, _bins(n, length), b)
    else:
        out[_bins(n, length)] = b
    return out


def resample_envelope(env: np.ndarray, length: int) -> np.ndarray:
    e = np.asarray(env, dtype=np.float64)
    if length <= e.shape[0]:
        out = np.full(length, -np.inf)
        np.maximum.at(out, _bins(e.shape[0], length), e)
        return out
    return resample_linear(e, length)


def pose_features(keypoints, fps: float, confidence_threshold: float = 0.3) -> np.ndarray:
    """`pose-kinematics-v1` (shared-formats.md): per frame 34 centred, torso-scaled positions and 34
    velocities (per 1/30 s), [T, 68] float32."""
    kp = validate_keypoints(keypoints, fps, min_frames=1)
    t_count = kp.shape[0]
    out = np.zeros((t_count, POSE_FEATURE_DIM), dtype=np.float64)
    centre = np.zeros(2)
    scale = 1.0
    prev_p = None
    prev_ok = None
    for t in range(t_count):
        xy = kp[t, :, :2]
        ok = kp[t, :, 2] >= confidence_threshold
        if ok.any():
            hips = [j for j in (11, 12) if ok[j]]
            shoulders = [j for j in (5, 6) if ok[j]]
            hip_mid = xy[hips].mean(axis=0) if hips else None
            centre = hip_mid if hip_mid is not None else xy[ok].mean(axis=0)
            if hip_mid is not None and shoulders:
                scale = float(np.linalg.norm(xy[shoulders].mean(axis=0) - hip_mid))
            else:
                ys = xy[ok, 1]
                scale = float(ys.max() - ys.min()) / 3.0
            scale = max(scale, 1e-6)
        p = np.where(ok[:, None], (xy - centre) / scale, 0.0)
        v = np.zeros_like(p)
        if prev_p is not None:
            both = ok & prev_ok
            v = np.where(both[:, None], (p - prev_p) * fps / 30.0, 0.0)
        out[t, :34] = p.reshape(-1)
        out[t, 34:] = v.reshape(-1)
        prev_p, prev_ok = p, ok
    return out.astype(np.float32)
