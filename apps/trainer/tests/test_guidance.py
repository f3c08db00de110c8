"""Classifier-free guidance training: the learned null conditions replace exactly the dropped rows."""

import torch

from loris_trainer.config import load_config
from loris_trainer.export import example_inputs
from loris_trainer.model import build_model
from loris_trainer.model.conditions import Contexts


def tiny_model():
    cfg = load_config("tiny")
    return cfg, build_model(cfg, seed=0).eval()


def test_dropped_rows_get_the_null_contexts_and_only_those():
    cfg, model = tiny_model()
    visual, rhythm, genre, samples = example_inputs(cfg, batch=4, seconds=0.5)
    conditions = model.conditions(visual, rhythm, genre)
    drop = torch.tensor([True, False, True, False])
    mixed = model.training_contexts(conditions, drop)
    for got, cond, null in zip(mixed, conditions.cond, conditions.null):
        assert got is not None and cond is not None
        assert not torch.allclose(cond, null)  # otherwise this test could not fail
        for row in range(4):
            expected = null[row] if drop[row] else cond[row]
            assert torch.equal(got[row], expected)


def test_null_contexts_do_not_depend_on_the_inputs():
    cfg, model = tiny_model()
    a = model.conditions(*example_inputs(cfg, batch=2, seconds=0.5, seed=1)[:3]).null
    b = model.conditions(*example_inputs(cfg, batch=2, seconds=0.5, seed=2)[:3]).null
    for x, y in zip(a, b):
        assert torch.equal(x, y)


def test_denoiser_rows_follow_their_own_contexts():
    cfg, model = tiny_model()
    visual, rhythm, genre, samples = example_inputs(cfg, batch=3, seconds=0.5)
    drop = torch.tensor([False, True, False])
    x = torch.randn(3, cfg.unet.in_channels, samples)
    sigma = torch.tensor([0.2, 0.2, 0.05])
    with torch.no_grad():
        conditions = model.conditions(visual, rhythm, genre)
        batched = model.denoiser(x, sigma, model.training_contexts(conditions, drop))
        for row in range(3):
            source = conditions.null if drop[row] else conditions.cond
            alone = model.denoiser(x[row : row + 1], sigma[row : row + 1],
                                   Contexts(*(t[row : row + 1] for t in source)))
            assert torch.allclose(batched[row : row + 1], alone, atol=1e-5)
        other = model.denoiser(x[1:2], sigma[1:2], Contexts(*(t[1:2] for t in conditions.cond)))
        assert not torch.allclose(batched[1:2], other, atol=1e-5)


def test_dropout_rate_is_the_configured_one(corpus, tmp_path):
    from loris_trainer.train import Trainer

    cfg = load_config("tiny", ["train.crop_samples=8192", "train.batch_size=2"])
    trainer = Trainer(cfg, str(corpus), str(tmp_path))
    batch = {"audio": torch.zeros(64, 2, 8)}
    drops = torch.cat([trainer.randomness(batch, 0, step)[2] for step in range(100)])
    assert 0.07 < drops.float().mean().item() < 0.13
    assert not torch.equal(trainer.randomness(batch, 0, 0)[2], trainer.randomness(batch, 0, 1)[2])
    assert torch.equal(trainer.randomness(batch, 0, 5)[1], trainer.randomness(batch, 0, 5)[1])


def test_conditions_are_attended_serially_visual_rhythm_genre():
    cfg = load_config("tiny", ["unet.cross_attention=shared", "unet.cross_attentions=null"])
    model = build_model(cfg, seed=0).eval()
    visual, rhythm, genre, samples = example_inputs(cfg, batch=1, seconds=0.5)
    block = model.denoiser.net.downsamples[0].blocks[0]
    lengths = []
    handle = block.cross_attention[0].register_forward_hook(lambda m, inp, out: lengths.append(inp[1].shape[1]))
    with torch.no_grad():
        cond = model.conditions(visual, rhythm, genre).cond
        model.denoiser(torch.randn(1, cfg.unet.in_channels, samples), torch.tensor([0.5]), cond)
    handle.remove()
    assert lengths == [visual.shape[1], rhythm.shape[1], 1]


def test_the_genre_shifts_every_blocks_mapping_when_genre_mapping_is_on():
    cfg = load_config("tiny", ["unet.genre_mapping=true"])
    model = build_model(cfg, seed=0).eval()
    visual, rhythm, _, samples = example_inputs(cfg, batch=2, seconds=0.5)
    mappings = []
    handle = model.denoiser.net.to_mapping.register_forward_hook(lambda m, inp, out: mappings.append(out))
    x = torch.randn(2, cfg.unet.in_channels, samples)
    with torch.no_grad():
        cond = model.conditions(visual, rhythm, torch.tensor([0, 5])).cond
        model.denoiser(x, torch.tensor([0.5, 0.5]), cond)
        with_genre = mappings.pop()
        off = build_model(load_config("tiny", ["unet.genre_mapping=false"]), seed=0).eval()
        off.denoiser.net.to_mapping.register_forward_hook(lambda m, inp, out: mappings.append(out))
        off.denoiser(x, torch.tensor([0.5, 0.5]), off.conditions(visual, rhythm, torch.tensor([0, 5])).cond)
        without = mappings.pop()
    handle.remove()
    # Same noise level in both rows: only the genre can tell their mappings apart.
    assert not torch.allclose(with_genre[0], with_genre[1])
    assert torch.allclose(without[0], without[1])
