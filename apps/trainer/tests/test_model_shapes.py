"""Shapes and dtypes through every block, for the paper config (built, not trained) and tiny."""

import pytest
import torch

from loris_trainer.config import load_config
from loris_trainer.errors import ConfigError
from loris_trainer.export import example_inputs
from loris_trainer.model import build_model, count_parameters
from loris_trainer.model.attention import Attention
from loris_trainer.model.unet import ResnetBlock1d


def expected_shapes(cfg, batch: int, samples: int, lv: int, lr: int):
    """What each named module must output, derived from the config alone."""
    u, c = cfg.unet, cfg.conditions
    ch = [u.channels * m for m in u.multipliers]
    patch = u.patch_factor**u.patch_blocks
    lengths = [samples // patch]
    for f in u.factors:
        lengths.append(lengths[-1] // f)
    n = len(u.factors)
    want = {
        "conditioner.visual": (batch, lv, c.features),
        "conditioner.rhythm": (batch, lr, c.features),
        "conditioner.genre": (batch, c.features),
        "denoiser.net.to_in": (batch, ch[0], lengths[0]),
        "denoiser.net.bottleneck": (batch, ch[-1], lengths[-1]),
        "denoiser.net.to_out": (batch, u.in_channels, samples),
        "denoiser": (batch, u.in_channels, samples),
    }
    for i in range(n):
        want[f"denoiser.net.downsamples.{i}.downsample"] = (batch, ch[i + 1], lengths[i + 1])
        for j in range(u.num_blocks[i]):
            want[f"denoiser.net.downsamples.{i}.blocks.{j}"] = (batch, ch[i + 1], lengths[i + 1])
        if u.attentions[i]:
            want[f"denoiser.net.downsamples.{i}.transformer"] = (batch, ch[i + 1], lengths[i + 1])
        k = n - 1 - i  # up blocks run deepest first
        for j in range(u.num_blocks[i] + (1 if u.attentions[i] else 0)):
            want[f"denoiser.net.upsamples.{k}.blocks.{j}"] = (batch, ch[i + 1], lengths[i + 1])
        want[f"denoiser.net.upsamples.{k}.upsample"] = (batch, ch[i], lengths[i])
    return want


def run_with_hooks(model, cfg, batch: int, seconds: float):
    visual, rhythm, genre, samples = example_inputs(cfg, batch=batch, seconds=seconds)
    seen = {}

    def hook(name):
        def record(_module, _inputs, output):
            out = output[0] if isinstance(output, tuple) else output
            if isinstance(out, torch.Tensor):
                seen[name] = (tuple(out.shape), out.dtype)

        return record

    handles = [m.register_forward_hook(hook(name)) for name, m in model.named_modules() if name]
    with torch.no_grad():
        cond, null = model.conditions(visual, rhythm, genre)
        x = torch.randn(batch, cfg.unet.in_channels, samples)
        out = model.denoiser(x, torch.full((batch,), 0.3), cond)
    for h in handles:
        h.remove()
    return seen, out, cond, null, (visual.shape[1], rhythm.shape[1], samples)


@pytest.mark.parametrize("name, seconds", [("tiny", 1.0), ("paper", 1.5)])
def test_shapes_and_dtypes_through_every_block(name, seconds):
    cfg = load_config(name)
    model = build_model(cfg, seed=0).eval()
    batch = 2
    seen, out, cond, null, (lv, lr, samples) = run_with_hooks(model, cfg, batch, seconds)
    assert samples % cfg.unet.length_multiple() == 0
    for module, shape in expected_shapes(cfg, batch, samples, lv, lr).items():
        got_shape, dtype = seen[module]
        assert got_shape == shape, f"{name}: {module} gave {got_shape}, expected {shape}"
        assert dtype == torch.float32, module
    # The resnet blocks of the U-Net body cross-attend on the levels the config says (the bottleneck
    # always); the patch blocks never.
    levels = len(cfg.unet.factors)
    for mname, m in model.denoiser.net.named_modules():
        if isinstance(m, ResnetBlock1d):
            parts = mname.split(".")
            if parts[0] == "downsamples":
                attends = cfg.unet.level_attends_contexts(int(parts[1]))
            elif parts[0] == "upsamples":  # built from the coarsest level up
                attends = cfg.unet.level_attends_contexts(levels - 1 - int(parts[1]))
            else:
                attends = parts[0] == "bottleneck"
            assert (m.cross_attention is not None) == attends, mname
            if attends:
                assert all(isinstance(a, Attention) and a.cross for a in m.cross_attention)
    assert out.shape == (batch, cfg.unet.in_channels, samples) and out.dtype == torch.float32
    assert torch.isfinite(out).all()
    assert out.abs().max() <= cfg.diffusion.denoised_clamp
    for c, n in zip(cond, null):
        if c is not None:
            assert c.shape == n.shape and c.dtype == n.dtype == torch.float32
    if cfg.conditions.time_alignment == "rhythm_channels":
        assert cond.aligned.shape == (batch, lr, cfg.conditions.rhythm_channels)
    else:
        assert cond.aligned is None
    params = count_parameters(model)
    assert params > (400_000_000 if name == "paper" else 1_000_000)


def test_cross_attention_can_be_left_to_the_coarse_levels():
    everywhere = build_model(load_config("tiny", ["unet.cross_attentions=null"]), seed=0)
    coarse = build_model(load_config("tiny", ["unet.cross_attentions=[false,false,false,true]"]), seed=0)
    def attending(model):
        return sorted(n for n, m in model.denoiser.net.named_modules()
                      if isinstance(m, ResnetBlock1d) and m.cross_attention is not None)
    assert len(attending(everywhere)) > len(attending(coarse)) > 0
    assert all(n.startswith(("downsamples.3", "upsamples.0", "bottleneck")) for n in attending(coarse))
    with pytest.raises(ConfigError, match="cross_attentions"):
        load_config("tiny", ["unet.cross_attentions=[true,false]"])
