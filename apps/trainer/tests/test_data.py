import json

import numpy as np
import pytest
import soundfile as sf

from loris_trainer.config import load_config
from loris_trainer.data import LorisDataset, read_manifest
from loris_trainer.errors import ManifestError
from loris_trainer.features import context_length, resample_peaks
from loris_trainer.rhythm import compute_rhythm
from loris_trainer.synthetic import write_corpus


def test_manifest_rows_resolve_relative_to_their_folder(corpus):
    entries = read_manifest(str(corpus))
    assert [e.split for e in entries] == ["train", "val", "test", "train"]
    assert all(e.audio.is_file() and e.features.is_file() and e.poses.is_file() for e in entries)
    assert read_manifest(str(corpus.parent))[0].id == entries[0].id


def test_windows_cut_audio_and_conditions_at_the_same_time(corpus):
    cfg = load_config("tiny", ["audio.gain_min=1.0"])
    data = LorisDataset(str(corpus), cfg, "train", crop_samples=8192, seed=3)
    sr, rate = cfg.audio.sample_rate, cfg.conditions.rhythm.rate
    clip = data.tracks(0)
    track = json.loads(data.entries[0].poses.read_text())
    peaks = compute_rhythm(np.asarray(track["keypoints"]), track["fps"], cfg.conditions.rhythm.params()).peaks
    assert np.array_equal(clip.rhythm, resample_peaks(peaks, context_length(clip.seconds, rate)))
    starts = set()
    for position in range(12):
        ex = data.example(0, position)
        audio, rhythm = ex["audio"].numpy(), ex["rhythm"].numpy()
        assert audio.shape == (cfg.unet.in_channels, 8192)
        assert ex["visual"].shape == (context_length(8192 / sr, cfg.conditions.visual.rate), 68)
        # Find the window's start token from the audio and check the rhythm window starts there too.
        token = next(k for k in range(len(clip.rhythm))
                     if np.allclose(audio[0], clip.audio[round(k / rate * sr):][:8192] * 0.95, atol=1e-6))
        assert np.array_equal(rhythm, clip.rhythm[token : token + rhythm.shape[0]])
        starts.add(token)
    assert len(starts) > 3  # random offsets in training ...
    fixed = LorisDataset(str(corpus), cfg, "val", train=False, crop_samples=8192)
    assert np.array_equal(fixed.example(0, 0)["audio"], fixed.example(0, 5)["audio"])  # ... none in eval


def write_rows(tmp_path, rows):
    (tmp_path / "manifest.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    return tmp_path / "manifest.jsonl"


def test_manifest_errors_name_the_problem(tmp_path):
    (tmp_path / "manifest.jsonl").write_text('{"id": "a"\n')
    with pytest.raises(ManifestError, match="manifest.jsonl:1 is not valid JSON"):
        read_manifest(str(tmp_path))
    base = {"id": "a", "audio": "a.wav", "features": "a.npy", "poses": "a.json", "genre": "Pop", "split": "train"}
    with pytest.raises(ManifestError, match="lacks genre"):
        read_manifest(str(write_rows(tmp_path, [{**base, "genre": None}])))
    with pytest.raises(ManifestError, match="split must be one of"):
        read_manifest(str(write_rows(tmp_path, [{**base, "split": "dev"}])))
    with pytest.raises(ManifestError, match="poses or a rhythm"):
        read_manifest(str(write_rows(tmp_path, [{**base, "poses": None}])))


def test_examples_that_do_not_fit_the_model_are_refused(tmp_path):
    manifest = write_corpus(tmp_path / "c", count=1, seconds=1.0, seed=1)
    rows = [json.loads(line) for line in manifest.read_text().splitlines()]
    cfg = load_config("tiny")
    rows[0]["genre"] = "Polka"
    write_rows(manifest.parent, rows)
    with pytest.raises(ManifestError, match="'Polka' is not in the model's vocabulary"):
        LorisDataset(str(manifest), cfg).tracks(0)
    rows[0]["genre"] = "Pop"
    (manifest.parent / "r.json").write_text(json.dumps({"variant": "reference", "fps": 30, "envelope": [],
                                                        "peaks": [0, 1]}))
    rows[0]["rhythm"] = "r.json"
    write_rows(manifest.parent, rows)
    with pytest.raises(ManifestError, match="variant 'reference' but the config asks for 'paper'"):
        LorisDataset(str(manifest), cfg).tracks(0)
    rows[0]["rhythm"] = None
    write_rows(manifest.parent, rows)
    with pytest.raises(ManifestError, match="pose fps is 25.0"):
        LorisDataset(str(manifest), load_config("tiny", ["conditions.pose_fps=25"])).tracks(0)
    np.save(manifest.parent / rows[0]["features"], np.zeros((10, 12), dtype=np.float32))
    with pytest.raises(ManifestError, match=r"shape \[T, 68\]"):
        LorisDataset(str(manifest), cfg).tracks(0)


def test_audio_at_another_rate_is_resampled(tmp_path):
    manifest = write_corpus(tmp_path / "c", count=1, seconds=1.0, seed=2)
    cfg = load_config("tiny", ["audio.sample_rate=11025"])
    clip = LorisDataset(str(manifest), cfg).tracks(0)
    source, rate = sf.read(str(manifest.parent / "audio" / "test-0000.wav"))
    assert rate == 22050 and cfg.audio.sample_rate == 11025
    assert clip.audio.shape[0] == source.shape[0] // 2 and np.abs(clip.audio).max() == pytest.approx(1.0)
