"""The whole LORIS model: conditioning encoders plus the EDM-preconditioned U-Net denoiser."""

from typing import Dict, List, Optional

import torch
from torch import Tensor, nn

from ..config import Config
from .conditions import Conditioner, ConditionSet, Contexts, select_rows
from .denoiser import EDMDenoiser
from .unet import UNet1d


class LorisModel(nn.Module):
    def __init__(self, config: Config):
        super().__init__()
        self.config = config
        cond = config.conditions
        aligned = cond.rhythm_channels if cond.time_alignment == "rhythm_channels" else 0
        self.conditioner = Conditioner(cond)
        unet = UNet1d(config.unet, cond.features, aligned, cond.rhythm.rate, config.audio.sample_rate)
        self.denoiser = EDMDenoiser(unet, config.diffusion.sigma_data, config.diffusion.denoised_clamp)

    def conditions(self, visual: Tensor, rhythm: Tensor, genre: Tensor) -> ConditionSet:
        return self.conditioner(visual, rhythm, genre)

    def training_contexts(self, conditions: ConditionSet, drop: Tensor) -> Contexts:
        """Classifier-free guidance training: rows with drop[b] true see the null conditions."""
        return select_rows(drop, conditions.null, conditions.cond)

    def forward(self, batch: Dict[str, Tensor], sigma: Tensor, noise: Tensor, drop: Tensor) -> Tensor:
        """The training loss of eq. 12 on a batch, averaged over its rows (forward, so DDP can wrap it)."""
        conditions = self.conditions(batch["visual"], batch["rhythm"], batch["genre"])
        contexts = self.training_contexts(conditions, drop)
        return self.denoiser.loss(batch["audio"], sigma, noise, contexts).mean()

    def new_layer_names(self) -> List[str]:
        """Parameters the paper trains at the higher rate: everything the unconditional backbone lacks
        (condition encoders, null conditions, cross-attention)."""
        return [
            name
            for name, _ in self.named_parameters()
            if name.startswith("conditioner.") or ".cross_attention." in name
        ]

    def parameter_groups(self, lr_backbone: float, lr_new: float, weight_decay: float) -> List[dict]:
        new = set(self.new_layer_names())
        params = dict(self.named_parameters())
        return [
            {"name": "backbone", "params": [p for n, p in params.items() if n not in new],
             "lr": lr_backbone, "base_lr": lr_backbone, "weight_decay": weight_decay},
            {"name": "new", "params": [p for n, p in params.items() if n in new],
             "lr": lr_new, "base_lr": lr_new, "weight_decay": weight_decay},
        ]


def build_model(config: Config, seed: Optional[int] = None) -> LorisModel:
    if seed is not None:
        torch.manual_seed(seed)
    return LorisModel(config)


def count_parameters(module: nn.Module) -> int:
    return sum(p.numel() for p in module.parameters())
