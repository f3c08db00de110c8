"""LORIS (Yu et al., ICML 2023) in PyTorch: conditioning encoders, the 1-D U-Net denoiser, training and
ONNX export for LORIS Studio. See docs/model-contract.md for what the exported model promises."""

__version__ = "0.1.0"
