import json

import numpy as np
import pytest

from conftest import FIXTURES
from loris_trainer.errors import InvalidPoseTrack
from loris_trainer.rhythm import RhythmParams, compute_rhythm, directogram, motions, pick_peaks_reference

REFERENCE = json.loads((FIXTURES / "reference-poses.json").read_text())


@pytest.mark.parametrize("dancer", sorted(REFERENCE))
def test_reference_variant_reproduces_released_encoder(dancer):
    """The fixture's reference_code is computed from exactly the stored keypoints, and every stored motion is
    at least 0.01 degree from a whole degree (fixtures/README.md), so the match is exact: the same peaks,
    and the envelope within float32 rounding of the released encoder."""
    track = REFERENCE[dancer]
    kp = np.asarray(track["keypoints"], dtype=np.float64)
    ref = track["reference_code"]
    out = compute_rhythm(kp, track["fps"], RhythmParams.reference())
    expected_env = np.asarray(ref["envelope"], dtype=np.float64)
    expected_peaks = np.asarray(ref["peaks"])
    assert out.envelope.shape == expected_env.shape == (kp.shape[0] - 2,)
    assert out.peaks.shape == expected_peaks.shape == (kp.shape[0] - 2,)
    assert expected_peaks.sum() > 0
    assert np.abs(out.envelope - expected_env).max() < 1e-5
    assert out.peaks.tolist() == ref["peaks"]


@pytest.mark.parametrize("dancer", sorted(REFERENCE))
def test_reference_peak_picking_is_exact_on_the_reference_envelope(dancer):
    """The released peak picker alone, fed the reference envelope, gives the reference peaks."""
    ref = REFERENCE[dancer]["reference_code"]
    peaks = pick_peaks_reference(np.asarray(ref["envelope"], dtype=np.float64), RhythmParams.reference())
    assert sum(ref["peaks"]) > 0
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
