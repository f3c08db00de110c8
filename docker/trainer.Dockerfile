# syntax=docker/dockerfile:1
# LORIS trainer (apps/trainer), CPU: PyTorch CPU wheels on python:3.11-slim. Runs
# `python -m loris_trainer train|export ...` (or `torchrun ... -m loris_trainer train ...`); JSON lines on
# stdout. No HTTP server, so no HEALTHCHECK.
# Build from the repository root: docker build -f docker/trainer.Dockerfile -t loris/trainer .
ARG PYTHON_IMAGE=python:3.11-slim-bookworm

# deps: a virtual environment with torch (CPU wheel index) and the trainer's requirements.
FROM ${PYTHON_IMAGE} AS deps
ARG TORCH_VERSION=2.5.1
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
RUN pip install --index-url https://download.pytorch.org/whl/cpu "torch==${TORCH_VERSION}"
COPY docker/trainer-requirements.txt /tmp/requirements.txt
RUN pip install -r /tmp/requirements.txt

FROM ${PYTHON_IMAGE} AS runtime
RUN groupadd --gid 10001 loris \
  && useradd --uid 10001 --gid 10001 --no-create-home --home-dir /tmp --shell /usr/sbin/nologin loris
COPY --from=deps /opt/venv /opt/venv
WORKDIR /app
COPY apps/trainer/loris_trainer loris_trainer
COPY apps/trainer/configs configs
ENV PATH=/opt/venv/bin:$PATH PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 HOME=/tmp
# Every module the train and export commands (and the pod-side reporter) load imports with these wheels.
RUN python -c "import loris_trainer.train, loris_trainer.export, loris_trainer.data, loris_trainer.report"
USER 10001:10001
CMD ["python", "-m", "loris_trainer", "--help"]
