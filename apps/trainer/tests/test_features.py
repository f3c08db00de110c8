import numpy as np
import pytest

from loris_trainer.features import (
    POSE_FEATURE_DIM,
    context_length,
    pose_features,
    resample_envelope,
    resample_linear,
    resample_peaks,
)


def test_resample_linear_positions():
    frames = np.arange(5, dtype=float)[:, None] * np.array([[1.0, 10.0]])
    out = resample_linear(frames, 9)  # source positions 0, 0.5, ..., 4
    assert out.shape == (9, 2)
    assert np.allclose(out[:, 0], np.arange(9) * 0.5)
    assert np.allclose(out[:, 1], np.arange(9) * 5.0)
    assert np.allclose(resample_linear(frames, 1), frames[:1])
    assert np.allclose(resample_linear(np.array([1.0, 3.0]), 3), [1.0, 2.0, 3.0])


def test_resample_peaks_down_keeps_every_peak():
    rng = np.random.default_rng(0)
    binary = (rng.random(750) < 0.1).astype(float)
    out = resample_peaks(binary, 400)
    bins = (np.arange(750) * 400) // 750
    assert out.shape == (400,)
    assert set(np.flatnonzero(out)) == set(bins[binary > 0])


def test_resample_peaks_up_scatters():
    binary = np.array([1.0, 0, 0, 1, 0])
    out = resample_peaks(binary, 12)
    assert np.flatnonzero(out).tolist() == [0, 7]  # floor(3 * 12 / 5) = 7
    assert out.sum() == 2


def test_resample_envelope_max_pools_down_and_interpolates_up():
    env = np.array([0.1, 0.9, 0.2, 0.3, 0.0, 0.5])
    assert np.allclose(resample_envelope(env, 3), [0.9, 0.3, 0.5])
    assert np.allclose(resample_envelope(env[:2], 3), [0.1, 0.5, 0.9])


def test_context_lengths_follow_rates():
    assert context_length(25.0, 2) == 50
    assert context_length(25.0, 16) == 400
    assert context_length(0.01, 2) == 1


def test_pose_features_layout():
    fps = 30.0
    kp = np.zeros((3, 17, 3))
    kp[:, :, 2] = 1.0
    kp[:, 5, :2] = [90, 100]  # shoulders at y = 100, hips at y = 200: torso length 100
    kp[:, 6, :2] = [110, 100]
    kp[:, 11, :2] = [90, 200]
    kp[:, 12, :2] = [110, 200]
    kp[:, 9, :2] = [150, 250]
    kp[2, 9, 0] = 170  # the left wrist moves 20 px right between frames 1 and 2
    kp[1, 0, 2] = 0.0  # the nose is unconfident in frame 1
    feats = pose_features(kp, fps)
    assert feats.shape == (3, POSE_FEATURE_DIM) and feats.dtype == np.float32
    p, v = feats[:, :34].reshape(3, 17, 2), feats[:, 34:].reshape(3, 17, 2)
    assert p[0, 9] == pytest.approx([0.5, 0.5])  # ((150, 250) - (100, 200)) / 100
    assert p[1, 0] == pytest.approx([0.0, 0.0])
    assert v[0].max() == 0.0
    assert v[2, 9] == pytest.approx([0.2, 0.0])  # 0.2 torso lengths per frame at 30 fps
    assert v[1, 0] == pytest.approx([0.0, 0.0]) and v[2, 0] == pytest.approx([0.0, 0.0])
