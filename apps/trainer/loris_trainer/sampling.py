"""The reference sampler: Karras et al. (2022) noise schedule, ancestral DPM-Solver-2 and classifier-free
guidance, after k-diffusion's sampling.py (get_sigmas_karras, get_ancestral_step,
sample_dpm_2_ancestral with eta = 1). libs/inference ports the same steps to TypeScript; the parity
fixture (parity.py) checks that both give the same audio from the same weights and noise.

Note: the released LORIS code samples with audio-diffusion-pytorch's ADPM2Sampler (rho = 1), which takes the
arithmetic rather than the geometric midpoint sigma and stops at sigma_min instead of 0."""

import math
from typing import Callable, List, Optional, Sequence, Tuple

import torch
from torch import Tensor

from .model.conditions import Contexts

Denoise = Callable[[Tensor, Tensor], Tensor]


def karras_sigmas(steps: int, sigma_min: float, sigma_max: float, rho: float) -> List[float]:
    """Eq. 5 of Karras et al. 2022: `steps` sigmas from sigma_max down to sigma_min, then 0."""
    lo, hi = sigma_min ** (1.0 / rho), sigma_max ** (1.0 / rho)
    ramp = [i / (steps - 1) for i in range(steps)] if steps > 1 else [0.0]
    return [(hi + r * (lo - hi)) ** rho for r in ramp] + [0.0]


def ancestral_step(sigma_from: float, sigma_to: float, eta: float = 1.0) -> Tuple[float, float]:
    """(sigma_down, sigma_up): the deterministic target and the fresh noise to add."""
    if not eta:
        return sigma_to, 0.0
    sigma_up = min(sigma_to, eta * math.sqrt(sigma_to**2 * (sigma_from**2 - sigma_to**2) / sigma_from**2))
    sigma_down = math.sqrt(sigma_to**2 - sigma_up**2)
    return sigma_down, sigma_up


NoiseSource = Callable[[int, Tensor], Tensor]


def sample_dpm_2_ancestral(denoise: Denoise, x: Tensor, sigmas: Sequence[float], noise: NoiseSource,
                           on_step: Optional[Callable[[int, Tensor], None]] = None) -> Tensor:
    """Ancestral DPM-Solver-2: a midpoint step at the geometric mean of sigma and sigma_down (two denoiser
    calls), an Euler step when sigma_down is 0, then noise(i) * sigma_up. `x` starts at sigmas[0] * N(0, I).
    noise(i, x) gives step i's standard-normal noise (drawn every step, even when sigma_up is 0)."""
    batch = x.shape[0]
    for i in range(len(sigmas) - 1):
        sigma, sigma_next = sigmas[i], sigmas[i + 1]
        denoised = denoise(x, torch.full((batch,), sigma, dtype=torch.float32))
        sigma_down, sigma_up = ancestral_step(sigma, sigma_next)
        d = (x - denoised) / sigma
        if sigma_down == 0:
            x = x + d * (sigma_down - sigma)
        else:
            sigma_mid = math.exp(0.5 * (math.log(sigma) + math.log(sigma_down)))
            x_2 = x + d * (sigma_mid - sigma)
            denoised_2 = denoise(x_2, torch.full((batch,), sigma_mid, dtype=torch.float32))
            d_2 = (x_2 - denoised_2) / sigma_mid
            x = x + d_2 * (sigma_down - sigma)
        x = x + noise(i, x) * sigma_up
        if on_step is not None:
            on_step(i, x)
    return x


def concat_contexts(a: Contexts, b: Contexts) -> Contexts:
    return Contexts(*(None if x is None else torch.cat([x, y], dim=0) for x, y in zip(a, b)))


def guided(denoiser, cond: Contexts, null: Contexts, scale: float) -> Denoise:
    """Classifier-free guidance: conditional and null rows in one call, uncond + w (cond - uncond)."""
    both = concat_contexts(cond, null)

    def denoise(x: Tensor, sigma: Tensor) -> Tensor:
        out = denoiser(torch.cat([x, x]), torch.cat([sigma, sigma]), both)
        c, u = out.chunk(2, dim=0)
        return u + scale * (c - u)

    return denoise


def padded_samples(seconds: float, sample_rate: int, multiple: int) -> int:
    """Samples to generate for `seconds`: rounded up to the U-Net's length multiple (then cut)."""
    wanted = int(math.ceil(seconds * sample_rate - 1e-9))
    return int(math.ceil(wanted / multiple) * multiple)


@torch.no_grad()
def generate(model, visual: Tensor, rhythm: Tensor, genre: Tensor, samples: int, steps: int = 50,
             guidance_scale: float = 20.0, generator: Optional[torch.Generator] = None,
             initial: Optional[Tensor] = None, noises: Optional[Sequence[Tensor]] = None) -> Tensor:
    """Runs the conditioner once and the sampler; the result is the model's raw output [B, in_channels, samples]
    (still at the training scale audioScale, at the model's sample rate)."""
    s = model.config.sampler
    sigmas = karras_sigmas(steps, s.sigma_min, s.sigma_max, s.rho)
    conditions = model.conditions(visual, rhythm, genre)
    shape = (visual.shape[0], model.config.unet.in_channels, samples)
    if initial is None:
        initial = torch.randn(shape, generator=generator)
    x = initial * sigmas[0]

    def noise(i: int, like: Tensor) -> Tensor:
        if noises is not None:
            return noises[i]
        return torch.randn(like.shape, generator=generator)

    denoise = guided(model.denoiser, conditions.cond, conditions.null, guidance_scale)
    return sample_dpm_2_ancestral(denoise, x, sigmas, noise)
