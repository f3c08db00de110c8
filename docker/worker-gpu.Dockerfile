# syntax=docker/dockerfile:1
# LORIS Studio worker with onnxruntime's CUDA execution provider, on an NVIDIA CUDA 12 + cuDNN 9 runtime
# (what onnxruntime-node 1.30's CUDA provider links against). Needs a node with an NVIDIA GPU, its driver
# and the NVIDIA device plugin (nvidia.com/gpu). Serves health and /metrics on WORKER_HTTP_PORT (4100):
# HEALTHCHECK on GET /healthz/ready.
# Build from the repository root: docker build -f docker/worker-gpu.Dockerfile -t loris/worker-gpu .
ARG NODE_IMAGE=node:20.20.2-bookworm-slim
ARG CUDA_IMAGE=nvidia/cuda:12.8.1-cudnn-runtime-ubuntu24.04

# deps: every package, installed as CI installs them (npm 11 runs install scripts only for package.json
# "allowScripts"; onnxruntime-node's optional CUDA download is skipped here and done in prod-deps).
FROM ${NODE_IMAGE} AS deps
ARG NPM_VERSION=11.19.1
ENV ONNXRUNTIME_NODE_INSTALL=skip NX_DAEMON=false NEXT_TELEMETRY_DISABLED=1
RUN npm install --global --no-audit --no-fund npm@${NPM_VERSION}
WORKDIR /app
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

# prod-deps: the same lock file without devDependencies (and without onnxruntime-node's macOS and Windows
# binaries: this image is Linux), plus onnxruntime-node's CUDA execution provider. npm 11 does not run
# onnxruntime-node's install script (package.json "allowScripts" says false), so it runs here, explicitly:
# with ONNXRUNTIME_NODE_INSTALL_CUDA=v12 (and ONNXRUNTIME_NODE_INSTALL emptied: it takes precedence, and the
# deps stage set it to skip), node_modules/onnxruntime-node/script/install.js downloads
# libonnxruntime_providers_{cuda,shared,tensorrt}.so of the same onnxruntime version from the NuGet package
# Microsoft.ML.OnnxRuntime.Gpu.Linux (api.nuget.org: the build needs that network access) into
# bin/napi-v6/linux/x64/, where libs/inference looks for them. (ONNXRUNTIME_NODE_INSTALL=cuda12, the switch its
# README names, parses to "unspecified" in onnxruntime-node 1.30's install-utils.js; =true forces the same.)
FROM deps AS prod-deps
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force \
  && rm -rf node_modules/onnxruntime-node/bin/napi-v6/darwin node_modules/onnxruntime-node/bin/napi-v6/win32
RUN ONNXRUNTIME_NODE_INSTALL= ONNXRUNTIME_NODE_INSTALL_CUDA=v12 node node_modules/onnxruntime-node/script/install.js \
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
COPY --from=prod-deps /app/node_modules node_modules
COPY --from=build /app/dist/apps/worker dist/apps/worker
COPY --from=build /app/dist/libs dist/libs
COPY package.json tsconfig.base.json ./
COPY tools/register-paths.js tools/
COPY models/default models/default
ENV NODE_ENV=production MODEL_DIR=models/default HOME=/tmp WORKER_HTTP_HOST=0.0.0.0 WORKER_HTTP_PORT=4100 \
  NVIDIA_VISIBLE_DEVICES=all NVIDIA_DRIVER_CAPABILITIES=compute,utility
USER 10001:10001
EXPOSE 4100
# Healthy once ready: its queue connection is up and the serving model is loaded (start-period: the load).
HEALTHCHECK --interval=15s --timeout=5s --start-period=120s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.WORKER_HTTP_PORT||4100)+'/healthz/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "-r", "./tools/register-paths.js", "dist/apps/worker/src/main.js"]
