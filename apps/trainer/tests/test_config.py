import pytest

from loris_trainer.config import AIST_GENRES, load_config
from loris_trainer.errors import ConfigError


def test_paper_config_is_the_papers():
    cfg = load_config("paper")
    u, c = cfg.unet, cfg.conditions
    assert (u.channels, u.patch_blocks, u.patch_factor) == (256, 1, 32)
    assert u.multipliers == [1, 2, 4, 4, 4, 4, 4]
    assert u.factors == [4, 4, 4, 2, 2, 2] and u.num_blocks == [2, 2, 2, 2, 2, 2]
    assert u.attention_heads == 16 and c.features == 1024
    assert (cfg.audio.sample_rate, cfg.audio.segment_samples) == (22050, 2**19)
    seconds = 25.0
    assert round(seconds * c.visual.rate) == 50 and round(seconds * c.rhythm.rate) == 400
    assert cfg.diffusion.sigma_data == 0.1 and cfg.diffusion.guidance_dropout == 0.1
    assert (cfg.train.lr_backbone, cfg.train.lr_new, cfg.train.grad_clip) == (3e-6, 3e-3, 0.5)
    assert c.genres == AIST_GENRES and c.time_alignment == "none"
    assert u.length_multiple() == 32 * 4 * 4 * 4 * 2 * 2 * 2


def test_tiny_config_fits_its_budget():
    cfg = load_config("tiny")
    assert cfg.audio.segment_samples % cfg.unet.length_multiple() == 0
    assert cfg.conditions.time_alignment == "rhythm_channels"


@pytest.mark.parametrize(
    "override, message",
    [
        ("unet.nope=1", "unknown key"),
        ("unet.factors=[4, 4]", "len\\(multipliers\\)"),
        ("conditions.time_alignment=sideways", "time_alignment"),
        ("conditions.rhythm.variant=other", "variant"),
        ("audio.segment_samples=1000", "multiple"),
        ("train.batch_size=two", "whole number"),
        ("diffusion.low_sigma_share=1.5", "low_sigma_share"),
        ("diffusion.low_p_std=0", "low_p_std"),
    ],
)
def test_bad_configs_are_refused_with_the_key(override, message):
    with pytest.raises(ConfigError, match=message):
        load_config("tiny", [override])


def test_missing_config_file():
    with pytest.raises(ConfigError, match="not found"):
        load_config("does-not-exist")
