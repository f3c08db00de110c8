"""The 1-D U-Net of audio-diffusion-pytorch v0.0.43 (the paper's backbone, appendix A.1 and figure 4) with
LORIS's hierarchical conditioning (section 3.3): every ResnetBlock1d of the down, bottleneck and up paths
cross-attends the visual, rhythm and genre contexts in that order; the patch encoder/decoder do not.

Optional time alignment (issue 5 item 4): a rhythm track [B, Lr, Ca] at `rate` tokens per second is
sample-and-held onto the time axis of every down block and concatenated to its first resnet block's input,
as the backbone's `context_channels` do (not at the raw input: the full-rate patch block would then pay
for the extra channels at every sample, and the first down block already resolves a few milliseconds)."""

import math
from typing import List, Optional, Sequence, Tuple

import torch
import torch.nn.functional as F
from torch import Tensor, nn

from ..config import UNetConfig
from .attention import Attention, TransformerBlock1d


def _groups(channels: int, wanted: int) -> int:
    # GroupNorm needs a divisor of the channel count; extra context channels can break the paper's 8.
    return math.gcd(channels, wanted)


def conv1d_few_channels(x: Tensor, conv: nn.Conv1d) -> Tensor:
    """The same convolution as `conv(x)` (kernel 3, padding 1) as one einsum over unfolded taps. On CPU,
    oneDNN's kernels for a handful of channels over hundreds of thousands of samples (the full-rate patch
    blocks) are ~10x slower than this, backward included; ONNX export keeps the Conv node."""
    taps = F.pad(x, (1, 1)).unfold(2, 3, 1)  # [B, C, L, 3]
    return torch.einsum("ock,bclk->bol", conv.weight, taps) + conv.bias.view(1, -1, 1)


class ConvBlock1d(nn.Module):
    def __init__(self, in_channels: int, out_channels: int, groups: int):
        super().__init__()
        self.norm = nn.GroupNorm(_groups(in_channels, groups), in_channels)
        self.activation = nn.SiLU()
        self.project = nn.Conv1d(in_channels, out_channels, kernel_size=3, padding=1)
        self.few_channels = in_channels * out_channels <= 64

    def forward(self, x: Tensor, scale_shift: Optional[Tuple[Tensor, Tensor]] = None) -> Tensor:
        x = self.norm(x)
        if scale_shift is not None:
            scale, shift = scale_shift
            x = x * (scale + 1) + shift
        x = self.activation(x)
        if self.few_channels and not torch.onnx.is_in_onnx_export() and x.device.type == "cpu":
            return conv1d_few_channels(x, self.project)
        return self.project(x)


class ResnetBlock1d(nn.Module):
    """Two conv blocks, a 1x1 skip, noise-level scale/shift on the second block, and (in the U-Net body)
    cross-attention to each context between the two conv blocks, as the released LORIS code does."""

    def __init__(
        self,
        in_channels: int,
        out_channels: int,
        groups: int,
        mapping_features: int,
        context_features: Optional[int] = None,
        num_contexts: int = 3,
        cross_attention: str = "shared",
        heads: int = 8,
        head_features: int = 64,
    ):
        super().__init__()
        self.block1 = ConvBlock1d(in_channels, out_channels, groups)
        self.shared = cross_attention == "shared"
        self.cross_attention: Optional[nn.ModuleList] = None
        if context_features is not None:
            count = 1 if self.shared else num_contexts
            self.cross_attention = nn.ModuleList(
                [Attention(out_channels, heads, head_features, context_features) for _ in range(count)]
            )
        self.to_scale_shift = nn.Sequential(nn.SiLU(), nn.Linear(mapping_features, out_channels * 2))
        self.block2 = ConvBlock1d(out_channels, out_channels, groups)
        self.to_out = nn.Conv1d(in_channels, out_channels, 1) if in_channels != out_channels else nn.Identity()

    def forward(self, x: Tensor, mapping: Tensor, contexts: Sequence[Tensor] = ()) -> Tensor:
        h = self.block1(x)
        if self.cross_attention is not None:
            h = h.transpose(1, 2)
            for i, context in enumerate(contexts):
                h = h + self.cross_attention[0 if self.shared else i](h, context)
            h = h.transpose(1, 2)
        scale, shift = self.to_scale_shift(mapping).unsqueeze(-1).chunk(2, dim=1)
        return self.block2(h, (scale, shift)) + self.to_out(x)


def level_contexts(cfg: UNetConfig, level: int, context_features: int) -> Optional[int]:
    """The context width a level's resnet blocks attend, or None where the config turns it off."""
    return context_features if cfg.level_attends_contexts(level) else None


def body_resnet(in_channels: int, out_channels: int, cfg: UNetConfig, mapping_features: int,
                context_features: Optional[int]) -> ResnetBlock1d:
    """A resnet block of the U-Net body: noise-level mapping and, unless context_features is None,
    cross-attention to the contexts."""
    return ResnetBlock1d(in_channels, out_channels, cfg.resnet_groups, mapping_features, context_features,
                         cross_attention=cfg.cross_attention, heads=cfg.attention_heads,
                         head_features=cfg.attention_features)


def body_transformer(channels: int, cfg: UNetConfig) -> TransformerBlock1d:
    return TransformerBlock1d(channels, cfg.attention_heads, cfg.attention_features, cfg.attention_multiplier)


class PatchBlock(nn.Module):
    """ResnetBlock1d then "b c (l p) -> b (c p) l": trades time resolution for channels."""

    def __init__(self, in_channels: int, out_channels: int, patch: int, mapping_features: int):
        super().__init__()
        self.patch = patch
        self.block = ResnetBlock1d(in_channels, out_channels // patch, min(patch, in_channels), mapping_features)

    def forward(self, x: Tensor, mapping: Tensor) -> Tensor:
        x = self.block(x, mapping)
        b, c, _ = x.shape
        return x.reshape(b, c, -1, self.patch).permute(0, 1, 3, 2).reshape(b, c * self.patch, -1)


class UnpatchBlock(nn.Module):
    def __init__(self, in_channels: int, out_channels: int, patch: int, mapping_features: int):
        super().__init__()
        self.patch = patch
        self.block = ResnetBlock1d(in_channels // patch, out_channels, min(patch, out_channels), mapping_features)

    def forward(self, x: Tensor, mapping: Tensor) -> Tensor:
        b, c, _ = x.shape
        x = x.reshape(b, c // self.patch, self.patch, -1).permute(0, 1, 3, 2).reshape(b, c // self.patch, -1)
        return self.block(x, mapping)


class Patcher(nn.Module):
    def __init__(self, in_channels: int, out_channels: int, blocks: int, factor: int, mapping_features: int):
        super().__init__()
        pre = [in_channels * factor**i for i in range(blocks)]
        post = [in_channels * factor ** (i + 1) for i in range(blocks - 1)] + [out_channels]
        self.blocks = nn.ModuleList(
            [PatchBlock(pre[i], post[i], factor, mapping_features) for i in range(blocks)]
        )

    def forward(self, x: Tensor, mapping: Tensor) -> Tensor:
        for block in self.blocks:
            x = block(x, mapping)
        return x


class Unpatcher(nn.Module):
    def __init__(self, in_channels: int, out_channels: int, blocks: int, factor: int, mapping_features: int):
        super().__init__()
        pre = [in_channels] + [out_channels * factor ** (i + 1) for i in reversed(range(blocks - 1))]
        post = [out_channels * factor**i for i in reversed(range(blocks))]
        self.blocks = nn.ModuleList(
            [UnpatchBlock(pre[i], post[i], factor, mapping_features) for i in range(blocks)]
        )

    def forward(self, x: Tensor, mapping: Tensor) -> Tensor:
        for block in self.blocks:
            x = block(x, mapping)
        return x


def downsample1d(in_channels: int, out_channels: int, factor: int, kernel_multiplier: int) -> nn.Module:
    return nn.Conv1d(
        in_channels,
        out_channels,
        kernel_size=factor * kernel_multiplier + 1,
        stride=factor,
        padding=factor * (kernel_multiplier // 2),
    )


def upsample1d(in_channels: int, out_channels: int, factor: int, use_nearest: bool) -> nn.Module:
    if factor == 1:
        return nn.Conv1d(in_channels, out_channels, kernel_size=3, padding=1)
    if use_nearest:
        return nn.Sequential(
            nn.Upsample(scale_factor=factor, mode="nearest"),
            nn.Conv1d(in_channels, out_channels, kernel_size=3, padding=1),
        )
    return nn.ConvTranspose1d(
        in_channels,
        out_channels,
        kernel_size=factor * 2,
        stride=factor,
        padding=factor // 2 + factor % 2,
        output_padding=factor % 2,
    )


class DownsampleBlock1d(nn.Module):
    def __init__(self, in_channels: int, out_channels: int, factor: int, num_layers: int, attention: bool,
                 extra_channels: int, cfg: UNetConfig, mapping_features: int, context_features: Optional[int]):
        super().__init__()
        self.factor = factor
        self.downsample = downsample1d(in_channels, out_channels, factor, cfg.kernel_multiplier_downsample)
        self.blocks = nn.ModuleList(
            [
                body_resnet(out_channels + (extra_channels if i == 0 else 0), out_channels, cfg,
                            mapping_features, context_features)
                for i in range(num_layers)
            ]
        )
        self.transformer = body_transformer(out_channels, cfg) if attention else None

    def forward(self, x: Tensor, mapping: Tensor, contexts: Sequence[Tensor],
                channels: Optional[Tensor] = None) -> Tuple[Tensor, List[Tensor]]:
        x = self.downsample(x)
        if channels is not None:
            x = torch.cat([x, channels], dim=1)
        skips = []
        for block in self.blocks:
            x = block(x, mapping, contexts)
            skips.append(x)
        if self.transformer is not None:
            x = self.transformer(x)
            skips.append(x)
        return x, skips


class UpsampleBlock1d(nn.Module):
    def __init__(self, in_channels: int, out_channels: int, factor: int, num_layers: int, attention: bool,
                 cfg: UNetConfig, mapping_features: int, context_features: Optional[int]):
        super().__init__()
        self.skip_scale = 2**-0.5 if cfg.use_skip_scale else 1.0
        self.blocks = nn.ModuleList(
            [body_resnet(in_channels * 2, in_channels, cfg, mapping_features, context_features)
             for _ in range(num_layers)]
        )
        self.transformer = body_transformer(in_channels, cfg) if attention else None
        self.upsample = upsample1d(in_channels, out_channels, factor, cfg.use_nearest_upsample)

    def forward(self, x: Tensor, skips: List[Tensor], mapping: Tensor, contexts: Sequence[Tensor]) -> Tensor:
        for block in self.blocks:
            x = torch.cat([x, skips.pop() * self.skip_scale], dim=1)
            x = block(x, mapping, contexts)
        if self.transformer is not None:
            x = self.transformer(x)
        return self.upsample(x)


class BottleneckBlock1d(nn.Module):
    def __init__(self, channels: int, cfg: UNetConfig, mapping_features: int, context_features: int):
        super().__init__()
        self.pre_block = body_resnet(channels, channels, cfg, mapping_features, context_features)
        self.attention = (
            Attention(channels, cfg.attention_heads, cfg.attention_features) if cfg.attention_bottleneck else None
        )
        self.post_block = body_resnet(channels, channels, cfg, mapping_features, context_features)

    def forward(self, x: Tensor, mapping: Tensor, contexts: Sequence[Tensor]) -> Tensor:
        x = self.pre_block(x, mapping, contexts)
        if self.attention is not None:
            x = x + self.attention(x.transpose(1, 2)).transpose(1, 2)
        return self.post_block(x, mapping, contexts)


class LearnedPositionalEmbedding(nn.Module):
    """Random Fourier features of the noise level with learned frequencies (audio-diffusion-pytorch)."""

    def __init__(self, dim: int):
        super().__init__()
        self.weights = nn.Parameter(torch.randn(dim // 2))

    def forward(self, t: Tensor) -> Tensor:
        t = t.unsqueeze(-1)
        freqs = t * self.weights.unsqueeze(0) * (2 * math.pi)
        return torch.cat([t, freqs.sin(), freqs.cos()], dim=-1)


class TokenHold(nn.Module):
    """Maps a token track [B, Lr, C] at `rate` tokens/s onto a time axis of frames that each span
    `samples_per_frame` samples at `sample_rate`: frame m takes token floor(m * spf * rate / sr), the token
    whose second-interval contains the frame's first sample (clamped to the last token). Defined by rates,
    not lengths, so padding the audio up to a length multiple never stretches the rhythm."""

    def __init__(self, rate: int, sample_rate: int):
        super().__init__()
        self.rate = rate
        self.sample_rate = sample_rate

    def forward(self, tokens: Tensor, length: int, samples_per_frame: int) -> Tensor:
        frames = torch.arange(length, device=tokens.device, dtype=torch.int64)
        index = torch.div(frames * (samples_per_frame * self.rate), self.sample_rate, rounding_mode="floor")
        index = torch.clamp(index, max=tokens.shape[1] - 1)
        return torch.index_select(tokens, 1, index).transpose(1, 2)


class UNet1d(nn.Module):
    def __init__(self, cfg: UNetConfig, context_features: int, aligned_channels: int = 0,
                 aligned_rate: int = 16, sample_rate: int = 22050):
        super().__init__()
        self.cfg = cfg
        c = cfg.channels
        mapping = c * 4
        self.aligned_channels = aligned_channels
        self.hold = TokenHold(aligned_rate, sample_rate) if aligned_channels else None
        self.to_time = nn.Sequential(LearnedPositionalEmbedding(c), nn.Linear(c + 1, mapping), nn.GELU())
        self.to_mapping = nn.Sequential(nn.Linear(mapping, mapping), nn.GELU(), nn.Linear(mapping, mapping), nn.GELU())
        self.genre_to_mapping = nn.Linear(context_features, mapping) if cfg.genre_mapping else None
        self.to_in = Patcher(cfg.in_channels, c, cfg.patch_blocks, cfg.patch_factor, mapping)
        m = cfg.multipliers
        n = len(m) - 1
        self.downsamples = nn.ModuleList(
            [
                DownsampleBlock1d(c * m[i], c * m[i + 1], cfg.factors[i], cfg.num_blocks[i], cfg.attentions[i],
                                  aligned_channels, cfg, mapping, level_contexts(cfg, i, context_features))
                for i in range(n)
            ]
        )
        self.bottleneck = BottleneckBlock1d(c * m[-1], cfg, mapping, context_features)
        self.upsamples = nn.ModuleList(
            [
                UpsampleBlock1d(c * m[i + 1], c * m[i], cfg.factors[i],
                                cfg.num_blocks[i] + (1 if cfg.attentions[i] else 0), cfg.attentions[i],
                                cfg, mapping, level_contexts(cfg, i, context_features))
                for i in reversed(range(n))
            ]
        )
        self.to_out = Unpatcher(c, cfg.in_channels, cfg.patch_blocks, cfg.patch_factor, mapping)

    def frame_samples(self) -> List[int]:
        """Samples per frame after each down block."""
        out = []
        step = self.cfg.patch_factor**self.cfg.patch_blocks
        for f in self.cfg.factors:
            step *= f
            out.append(step)
        return out

    def forward(self, x: Tensor, time: Tensor, contexts: Sequence[Tensor],
                aligned: Optional[Tensor] = None, genre: Optional[Tensor] = None) -> Tensor:
        spf = self.frame_samples()
        if self.hold is not None and aligned is None:
            raise ValueError("this U-Net was built with time-aligned rhythm channels; pass them")
        embedded = self.to_time(time)
        if self.genre_to_mapping is not None:
            if genre is None:
                raise ValueError("this U-Net maps the genre into every block (unet.genre_mapping); pass it")
            embedded = embedded + self.genre_to_mapping(genre[:, 0])
        mapping = self.to_mapping(embedded)
        x = self.to_in(x, mapping)
        skips_list = [x]
        for i, down in enumerate(self.downsamples):
            channels = None
            if self.hold is not None:
                channels = self.hold(aligned, x.shape[-1] // self.cfg.factors[i], spf[i])
            x, skips = down(x, mapping, contexts, channels)
            skips_list.append(skips)
        x = self.bottleneck(x, mapping, contexts)
        for up in self.upsamples:
            x = up(x, skips_list.pop(), mapping, contexts)
        x = x + skips_list.pop()
        return self.to_out(x, mapping)
