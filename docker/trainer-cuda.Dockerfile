# syntax=docker/dockerfile:1
# LORIS trainer (apps/trainer) with CUDA: the official PyTorch CUDA 12 runtime image (torch, CUDA, cuDNN,
# NCCL for multi-GPU and multi-node DDP) plus the trainer's requirements. Runs
# `torchrun ... -m loris_trainer train --device cuda ...` in the training Jobs of k8s/. No HTTP server, so no
# HEALTHCHECK.
# Build from the repository root: docker build -f docker/trainer-cuda.Dockerfile -t loris/trainer-cuda .
ARG PYTORCH_IMAGE=pytorch/pytorch:2.5.1-cuda12.4-cudnn9-runtime

# deps: the trainer's requirements next to the image's torch (not reinstalled: the image's build is CUDA's).
FROM ${PYTORCH_IMAGE} AS deps
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
COPY docker/trainer-requirements.txt /tmp/requirements.txt
RUN pip install -r /tmp/requirements.txt && rm /tmp/requirements.txt

FROM deps AS runtime
RUN groupadd --gid 10001 loris \
  && useradd --uid 10001 --gid 10001 --no-create-home --home-dir /tmp --shell /usr/sbin/nologin loris
WORKDIR /app
COPY apps/trainer/loris_trainer loris_trainer
COPY apps/trainer/configs configs
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 HOME=/tmp
# Every module the train and export commands load imports with these packages (no GPU needed to import).
RUN python -c "import loris_trainer.train, loris_trainer.export, loris_trainer.data, loris_trainer.report"
USER 10001:10001
CMD ["python", "-m", "loris_trainer", "--help"]
