"""Multi-head attention (eq. 11), transformer blocks and feed-forward layers, written with plain matmuls
and softmax so that they export to ONNX opset 17 and run the same in onnxruntime."""

from typing import Optional

import torch
from torch import Tensor, nn


def multi_head_attention(q: Tensor, k: Tensor, v: Tensor, heads: int) -> Tensor:
    """Softmax(Q K^T / sqrt(d)) V over `heads` heads; q [B, N, H*D], k and v [B, M, H*D]."""
    b, n, inner = q.shape
    d = inner // heads
    q = q.reshape(b, n, heads, d).transpose(1, 2)
    k = k.reshape(b, k.shape[1], heads, d).transpose(1, 2)
    v = v.reshape(b, v.shape[1], heads, d).transpose(1, 2)
    scores = torch.matmul(q * (d**-0.5), k.transpose(-1, -2))
    out = torch.matmul(scores.softmax(dim=-1), v)
    return out.transpose(1, 2).reshape(b, n, inner)


class Attention(nn.Module):
    """Pre-norm attention branch (the caller adds the residual). Self-attention when `context_features`
    is None, cross-attention to a context sequence otherwise."""

    def __init__(self, features: int, heads: int, head_features: int, context_features: Optional[int] = None):
        super().__init__()
        inner = heads * head_features
        self.heads = heads
        self.cross = context_features is not None
        self.norm = nn.LayerNorm(features)
        self.norm_context = nn.LayerNorm(context_features) if self.cross else None
        self.to_q = nn.Linear(features, inner, bias=False)
        self.to_kv = nn.Linear(context_features if self.cross else features, inner * 2, bias=False)
        self.to_out = nn.Linear(inner, features)

    def forward(self, x: Tensor, context: Optional[Tensor] = None) -> Tensor:
        x = self.norm(x)
        source = self.norm_context(context) if self.norm_context is not None else x
        k, v = self.to_kv(source).chunk(2, dim=-1)
        return self.to_out(multi_head_attention(self.to_q(x), k, v, self.heads))


class FeedForward(nn.Module):
    def __init__(self, features: int, multiplier: int):
        super().__init__()
        self.net = nn.Sequential(
            nn.LayerNorm(features),
            nn.Linear(features, features * multiplier),
            nn.GELU(),
            nn.Linear(features * multiplier, features),
        )

    def forward(self, x: Tensor) -> Tensor:
        return self.net(x)


class TransformerBlock(nn.Module):
    """Self-attention then feed-forward, both residual, on [B, N, C] sequences."""

    def __init__(self, features: int, heads: int, head_features: int, multiplier: int = 2):
        super().__init__()
        self.attention = Attention(features, heads, head_features)
        self.feed_forward = FeedForward(features, multiplier)

    def forward(self, x: Tensor) -> Tensor:
        x = x + self.attention(x)
        return x + self.feed_forward(x)


class TransformerBlock1d(TransformerBlock):
    """The backbone's self-attention on [B, C, L] feature maps (audio-diffusion-pytorch TransformerBlock1d)."""

    def forward(self, x: Tensor) -> Tensor:  # type: ignore[override]
        return super().forward(x.transpose(1, 2)).transpose(1, 2)
