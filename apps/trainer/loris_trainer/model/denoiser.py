"""EDM preconditioning (Karras et al. 2022; paper eq. 2 and 12-17, appendix A.2)."""

from typing import Tuple

import torch
from torch import Tensor, nn

from .conditions import Contexts
from .unet import UNet1d


def edm_scalings(sigma: Tensor, sigma_data: float) -> Tuple[Tensor, Tensor, Tensor, Tensor]:
    """c_skip (eq. 13), c_out (eq. 15), c_in (eq. 16) shaped [B, 1, 1], and c_noise = ln(sigma) / 4 (eq. 17)."""
    s = sigma.view(-1, 1, 1)
    sd2 = sigma_data**2
    c_skip = sd2 / (s * s + sd2)
    c_out = s * sigma_data / torch.sqrt(s * s + sd2)
    c_in = 1.0 / torch.sqrt(s * s + sd2)
    c_noise = torch.log(sigma) * 0.25
    return c_skip, c_out, c_in, c_noise


class EDMDenoiser(nn.Module):
    """D(x, sigma, C) = c_skip x + c_out F(c_in x, c_noise, C), clamped to the audio range as the released
    code's denoise_fn does."""

    def __init__(self, net: UNet1d, sigma_data: float, clamp: float):
        super().__init__()
        self.net = net
        self.sigma_data = sigma_data
        self.clamp = clamp

    def forward(self, x: Tensor, sigma: Tensor, contexts: Contexts) -> Tensor:
        c_skip, c_out, c_in, c_noise = edm_scalings(sigma, self.sigma_data)
        out = self.net(c_in * x, c_noise, contexts.sequences(), contexts.aligned, contexts.genre)
        denoised = c_skip * x + c_out * out
        return denoised.clamp(-self.clamp, self.clamp) if self.clamp > 0 else denoised

    def loss_weight(self, sigma: Tensor) -> Tensor:
        """lambda(sigma) = 1 / c_out^2."""
        return (sigma**2 + self.sigma_data**2) / (sigma * self.sigma_data) ** 2

    def loss(self, x0: Tensor, sigma: Tensor, noise: Tensor, contexts: Contexts) -> Tensor:
        """Eq. 12: per-example lambda(sigma) * mean (D(x0 + sigma n) - x0)^2, [B]."""
        denoised = self(x0 + sigma.view(-1, 1, 1) * noise, sigma, contexts)
        return ((denoised - x0) ** 2).mean(dim=(1, 2)) * self.loss_weight(sigma)
