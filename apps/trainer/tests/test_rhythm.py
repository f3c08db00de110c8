import json

import numpy as np
import pytest

from conftest import FIXTURES
from loris_trainer.errors import InvalidPoseTrack
from loris_trainer.rhythm import RhythmParams, compute_rhythm, directogram, motions, pick_peaks_reference

REFERENCE = json.loads((FIXTURES / "reference-poses.json").read_text())


def ambiguous_envelope_indices(kp: np.ndarray) -> np.ndarray:
    """Envelope values that the stored keypoints cannot determine: the fixture's keypoints are rounded to
    3 decimals, and a motion whose direction lies within that rounding error of a whole degree may fall
    in either of the reference's whole-degree bins."""
    m = kp[1:, :, :2] - kp[:-1, :, :2]
    magnitude = np.hypot(m[..., 0], m[..., 1])
    degrees = np.degrees(np.arctan2(m[..., 1], m[..., 0]))
    to_boundary = np.abs(degrees - np.round(degrees))
    bound = np.degrees(np.sqrt(2) * 1e-3 / np.maximum(magnitude, 1e-9))
    frame = (to_boundary < bound).any(axis=1)  # per directogram frame
    return frame[:-1] | frame[1:]  # envelope i uses directogram frames i and i + 1


@pytest.mark.parametrize("dancer", sorted(REFERENCE))
def test_reference_variant_reproduces_released_encoder(dancer):
    track = REFERENCE[dancer]
    kp = np.asarray(track["keypoints"], dtype=np.float64)
    ref = track["reference_code"]
    out = compute_rhythm(kp, track["fps"], RhythmParams.reference())
    expected_env = np.asarray(ref["envelope"])
    expected_peaks = np.asarray(ref["peaks"])
    assert out.envelope.shape == expected_env.shape == (kp.shape[0] - 2,)
    determined = ~ambiguous_envelope_indices(kp)
    assert determined.mean() > 0.3
    assert np.abs(out.envelope - expected_env)[determined].max() < 1e-4
    # Peaks: identical except next to an envelope value the rounded keypoints leave open.
    mismatch = np.flatnonzero(out.peaks != expected_peaks)
    open_near = np.convolve(~determined, np.ones(13), mode="same") > 0
    assert all(open_near[i] for i in mismatch)
    assert mismatch.size <= 0.01 * expected_peaks.size
    assert out.peaks.sum() == pytest.approx(expected_peaks.sum(), abs=3)


@pytest.mark.parametrize("dancer", sorted(REFERENCE))
def test_reference_peak_picking_is_exact_on_the_reference_envelope(dancer):
    """The rounding only blurs the directogram; the released peak picker itself is reproduced exactly."""
    ref = REFERENCE[dancer]["reference_code"]
    peaks = pick_peaks_reference(np.asarray(ref["envelope"], dtype=np.float64), RhythmParams.reference())
    assert peaks.tolist() == ref["peaks"]


def still_track(frames: int = 40) -> np.ndarray:
    kp = np.zeros((frames, 17, 3))
    kp[:, :, 0] = np.linspace(100, 500, 17)
    kp[:, :, 1] = 300.0
    kp[:, :, 2] = 0.9
    return kp


def test_paper_variant_one_joint_lands_in_its_sector():
    kp = still_track(3)
    angle = np.radians(103.5)  # sector 2 of 10 (72..108 degrees)
    kp[1:, 4, 0] += 5 * np.cos(angle) * np.arange(1, 3)
    kp[1:, 4, 1] += 5 * np.sin(angle) * np.arange(1, 3)
    d = directogram(motions(kp, 0.3), RhythmParams())
    assert np.flatnonzero(d[0]).tolist() == [2]
    assert d[0, 2] == pytest.approx(5.0)
    # The reference variant bins by whole degrees modulo K: 103 degrees -> bin 3.
    d_ref = directogram(motions(kp, 0.3), RhythmParams.reference())
    assert np.flatnonzero(d_ref[0]).tolist() == [3]


def spike_track(spikes, frames: int = 60) -> np.ndarray:
    """A wrist that jumps out and back at each spike frame: one burst of motion."""
    kp = still_track(frames)
    for s in spikes:
        kp[s, 9, 0] += 30.0
    return kp


def test_paper_variant_isolated_spike_gives_one_peak():
    out = compute_rhythm(spike_track([30]), 30.0)
    assert out.peaks.sum() == 1
    assert out.variant == "paper"
    # The jump at frame 30 raises the directogram at motion 29: envelope index 28 (frame 29..30).
    assert out.peak_frames().tolist() == [28]


def test_paper_variant_spikes_closer_than_wait_give_one_peak():
    kp = still_track(60)
    kp[30:, 9, 0] += 30.0  # a step at frame 30 ...
    kp[31:, 10, 0] += 30.0  # ... and another joint's equal step one frame later
    out = compute_rhythm(kp, 30.0, RhythmParams(wait=1))
    assert out.peaks.sum() == 1
    apart = compute_rhythm(spike_track([20, 40]), 30.0)
    assert apart.peaks.sum() == 2


def test_paper_variant_flat_track_has_no_peaks_and_no_nan():
    out = compute_rhythm(still_track(50), 30.0)
    assert out.peaks.sum() == 0
    assert np.all(np.isfinite(out.envelope)) and out.envelope.max() == 0


def test_unconfident_joints_contribute_no_motion():
    kp = spike_track([30])
    kp[:, 9, 2] = 0.1
    assert compute_rhythm(kp, 30.0).peaks.sum() == 0


@pytest.mark.parametrize(
    "bad, message",
    [
        (np.zeros((10, 16, 3)), "shape"),
        (np.full((10, 17, 3), np.nan), "NaN"),
        (np.zeros((2, 17, 3)), "at least 3 frames"),
    ],
)
def test_bad_pose_tracks_are_refused(bad, message):
    with pytest.raises(InvalidPoseTrack, match=message):
        compute_rhythm(bad, 30.0)


def test_bad_fps_is_refused():
    with pytest.raises(InvalidPoseTrack, match="fps"):
        compute_rhythm(still_track(), 0.0)
