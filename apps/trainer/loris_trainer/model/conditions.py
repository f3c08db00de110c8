"""Context-aware conditioning encoders (paper section 3.2-3.3) and their learned null conditions.

- visual: pose-kinematics features [B, Lv, 68] through a 2-layer Bi-LSTM from a zero initial state (eq. 3;
  the released code draws a random initial state, which makes inference non-deterministic) and a linear
  projection to the condition width.
- rhythm: the binary vector [B, Lr] projected by W_r (eq. 10), plus the Hawkes positional encoding (eq. 9),
  through one transformer block (eq. 10).
- genre: an index into the genre vocabulary through an embedding, i.e. one-hot times a matrix (eq. 8).

Null conditions for classifier-free guidance are learned tokens broadcast to the conditions' shapes, so
they fit any duration (the released code learns one per position of a fixed length)."""

import math
from typing import List, NamedTuple, Optional

import torch
from torch import Tensor, nn

from ..config import ConditionsConfig
from .attention import TransformerBlock


class HawkesPositionalEncoding(nn.Module):
    """Eq. 9: Tri(omega_k * i + w_k * t_i). The sinusoid frequencies omega_k are the transformer's fixed
    ones; the shift is learned: a per-dimension phase (what the released code learns) plus a per-dimension
    offset applied at rhythm peaks, the paper's "positional penalties" around them (zero at start)."""

    def __init__(self, features: int):
        super().__init__()
        half = features // 2
        freqs = torch.exp(torch.arange(half, dtype=torch.float32) * (-math.log(10000.0) * 2.0 / features))
        self.register_buffer("freqs", freqs, persistent=False)
        self.phase = nn.Parameter(torch.randn(half) * 0.1)
        self.peak_shift = nn.Parameter(torch.zeros(half))

    def forward(self, rhythm: Tensor) -> Tensor:
        position = torch.arange(rhythm.shape[1], device=rhythm.device, dtype=torch.float32)
        arc = position.unsqueeze(-1) * self.freqs + self.phase
        arc = arc.unsqueeze(0) + rhythm.unsqueeze(-1) * self.peak_shift
        return torch.cat([arc.sin(), arc.cos()], dim=-1)


class VisualEncoder(nn.Module):
    def __init__(self, in_features: int, features: int, layers: int):
        super().__init__()
        self.lstm = nn.LSTM(in_features, features // 2, num_layers=layers, batch_first=True, bidirectional=True)
        self.project = nn.Linear(features, features)

    def forward(self, visual: Tensor) -> Tensor:
        out, _ = self.lstm(visual)  # no state passed: zeros, so the same input gives the same context
        return self.project(out)


class RhythmEncoder(nn.Module):
    def __init__(self, features: int, heads: int, head_features: int):
        super().__init__()
        self.embed = nn.Linear(1, features)  # c_r W_r of eq. 10
        self.position = HawkesPositionalEncoding(features)
        self.transformer = TransformerBlock(features, heads, head_features)

    def forward(self, rhythm: Tensor) -> Tensor:
        return self.transformer(self.embed(rhythm.unsqueeze(-1)) + self.position(rhythm))


class Contexts(NamedTuple):
    """What the denoiser attends: the three context sequences and, with time alignment, the rhythm track."""

    visual: Tensor  # [B, Lv, C]
    rhythm: Tensor  # [B, Lr, C]
    genre: Tensor  # [B, 1, C]
    aligned: Optional[Tensor] = None  # [B, Lr, Ca]

    def sequences(self) -> List[Tensor]:
        return [self.visual, self.rhythm, self.genre]


class ConditionSet(NamedTuple):
    cond: Contexts
    null: Contexts


def select_rows(mask: Tensor, null: Contexts, cond: Contexts) -> Contexts:
    """Rows where `mask` [B] is true take the null contexts, the others keep their own."""

    def pick(n: Optional[Tensor], c: Optional[Tensor]) -> Optional[Tensor]:
        if c is None or n is None:
            return c
        return torch.where(mask.view(-1, *([1] * (c.dim() - 1))), n, c)

    return Contexts(*(pick(n, c) for n, c in zip(null, cond)))


class Conditioner(nn.Module):
    def __init__(self, cfg: ConditionsConfig):
        super().__init__()
        c = cfg.features
        self.time_aligned = cfg.time_alignment == "rhythm_channels"
        self.visual = VisualEncoder(cfg.visual.dim, c, cfg.lstm_layers)
        self.rhythm = RhythmEncoder(c, cfg.heads, cfg.head_features)
        self.genre = nn.Embedding(len(cfg.genres), c)
        self.null_visual = nn.Parameter(torch.randn(c) * 0.02)
        self.null_rhythm = nn.Parameter(torch.randn(c) * 0.02)
        self.null_genre = nn.Parameter(torch.randn(c) * 0.02)
        if self.time_aligned:
            # A few channels read from the encoded rhythm plus the raw peak value, so that the U-Net gets
            # both a crisp peak signal and the context the Hawkes transformer adds.
            self.to_aligned = nn.Linear(c + 1, cfg.rhythm_channels)
            self.null_peak = nn.Parameter(torch.zeros(1))

    def forward(self, visual: Tensor, rhythm: Tensor, genre: Tensor) -> ConditionSet:
        v = self.visual(visual)
        r = self.rhythm(rhythm)
        g = self.genre(genre).unsqueeze(1)
        nv = self.null_visual.expand_as(v)
        nr = self.null_rhythm.expand_as(r)
        ng = self.null_genre.expand_as(g)
        aligned = null_aligned = None
        if self.time_aligned:
            aligned = self.to_aligned(torch.cat([r, rhythm.unsqueeze(-1)], dim=-1))
            null_peak = self.null_peak.expand(rhythm.shape[0], rhythm.shape[1], 1)
            null_aligned = self.to_aligned(torch.cat([nr, null_peak], dim=-1))
        return ConditionSet(Contexts(v, r, g, aligned), Contexts(nv, nr, ng, null_aligned))
