# syntax=docker/dockerfile:1
# LORIS Studio worker with onnxruntime's CUDA execution provider, on an NVIDIA CUDA 12 + cuDNN 9 runtime
# (what onnxruntime-node 1.30's CUDA provider links against). Needs a node with an NVIDIA GPU, its driver
# and the NVIDIA device plugin (nvidia.com/gpu). No HTTP server, so no HEALTHCHECK.
# Build from the repository root: docker build -f docker/worker-gpu.Dockerfile -t loris/worker-gpu .
ARG NODE_IMAGE=node:20.20.2-bookworm-slim
ARG CUDA_IMAGE=nvidia/cuda:12.8.1-cudnn-runtime-ubuntu24.04

# deps: every package, installed as CI installs them (npm 11 runs install scripts only for package.json
# "allowScripts"; onnxruntime-node's optional CUDA download is skipped here and done in prod-deps).
FROM ${NODE_IMAGE} AS deps
ARG NPM_VERSION=11.19.1
ENV ONNXRUNTIME_NODE_INSTALL=skip NX_DAEMON=false NEXT_TELEMETRY_DISABLED=1
RUN npm install --global --no-audit --no-fund npm@${NPM_VERSION}
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

# build: the API, the worker, the CLI and the libs into dist/, with CI's script; then only what runs.
FROM deps AS build
COPY tsconfig.base.json tsconfig.build.json ./
COPY libs libs
COPY apps/api/src apps/api/src
COPY apps/worker/src apps/worker/src
COPY apps/cli/src apps/cli/src
RUN npm run build
RUN find dist -name '*.map' -delete && rm -f dist/.tsbuildinfo

# prod-deps: the same lock file without devDependencies, plus onnxruntime-node's CUDA execution provider.
# npm 11 does not run onnxruntime-node's install script (package.json "allowScripts" says false), so it runs
# here, explicitly: ONNXRUNTIME_NODE_INSTALL=cuda12 makes node_modules/onnxruntime-node/script/install.js
# download libonnxruntime_providers_{cuda,shared,tensorrt}.so of the same onnxruntime version from the
# Microsoft.ML.OnnxRuntime.Gpu.Linux NuGet package (api.nuget.org: the build needs that network access)
# into bin/napi-v6/linux/x64/, where libs/inference looks for it. (ONNXRUNTIME_NODE_INSTALL_CUDA=v12 is the
# older, deprecated spelling of the same switch.)
FROM deps AS prod-deps
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
RUN ONNXRUNTIME_NODE_INSTALL=cuda12 node node_modules/onnxruntime-node/script/install.js \
  && test -f node_modules/onnxruntime-node/bin/napi-v6/linux/x64/libonnxruntime_providers_cuda.so

FROM ${NODE_IMAGE} AS node

FROM ${CUDA_IMAGE} AS runtime
RUN apt-get update \
  && apt-get install -y --no-install-recommends ffmpeg tini ca-certificates \
  && rm -rf /var/lib/apt/lists/* \
  && groupadd --gid 10001 loris \
  && useradd --uid 10001 --gid 10001 --no-create-home --home-dir /tmp --shell /usr/sbin/nologin loris
COPY --from=node /usr/local/bin/node /usr/local/bin/node
WORKDIR /app
COPY --from=prod-deps /src/node_modules node_modules
COPY --from=build /src/dist/apps/worker dist/apps/worker
COPY --from=build /src/dist/libs dist/libs
COPY package.json tsconfig.base.json ./
COPY tools/register-paths.js tools/
COPY models/default models/default
ENV NODE_ENV=production MODEL_DIR=models/default HOME=/tmp \
  NVIDIA_VISIBLE_DEVICES=all NVIDIA_DRIVER_CAPABILITIES=compute,utility
USER 10001:10001
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "-r", "./tools/register-paths.js", "dist/apps/worker/src/main.js"]
