import torch

from loris_trainer.model.unet import TokenHold


def test_frames_read_the_token_of_their_first_sample():
    hold = TokenHold(rate=30, sample_rate=11025)
    tokens = torch.arange(40, dtype=torch.float32).view(1, 40, 1)
    out = hold(tokens, length=250, samples_per_frame=64)[0, 0]
    assert out.shape == (250,)
    # frame 172 starts at 172 * 64 / 11025 = 0.9984 s (token 29), frame 173 at 1.0043 s (token 30)
    assert out[172].item() == 29 and out[173].item() == 30
    assert out[0].item() == 0 and out[-1].item() == 39  # past the last token: clamped to it


def test_padding_the_audio_never_stretches_the_rhythm():
    hold = TokenHold(rate=16, sample_rate=22050)
    tokens = torch.randn(2, 400, 4)  # 25 s of tokens
    exact = hold(tokens, length=537, samples_per_frame=1024)
    padded = hold(tokens, length=544, samples_per_frame=1024)  # x padded up to a length multiple
    assert exact.shape == (2, 4, 537)
    assert torch.equal(padded[:, :, :537], exact)
