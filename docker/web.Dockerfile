# syntax=docker/dockerfile:1
# LORIS Studio console and rater pages (Next.js): `next start` on WEB_PORT (3000), talking to API_URL.
# apps/web/next.config.ts does not set `output: 'standalone'`, so this image runs a normal `next build`
# output with `next start` and the production dependencies (no devDependencies). With standalone output
# the runtime stage would copy .next/standalone and .next/static instead of node_modules.
# Build from the repository root: docker build -f docker/web.Dockerfile -t loris/web .
ARG NODE_IMAGE=node:20.20.2-bookworm-slim

# deps: every package, installed as CI installs them (npm 11 runs install scripts only for package.json
# "allowScripts"; onnxruntime-node's optional CUDA download is skipped).
FROM ${NODE_IMAGE} AS deps
ARG NPM_VERSION=11.19.1
ENV ONNXRUNTIME_NODE_INSTALL=skip NX_DAEMON=false NEXT_TELEMETRY_DISABLED=1
RUN npm install --global --no-audit --no-fund npm@${NPM_VERSION}
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

# build: the console with CI's script (next build apps/web); the build cache and source maps stay behind.
# web:build first makes the sample dancer (tools/sample-dancer.ts, with libs/synth) in apps/web/public.
FROM deps AS build
COPY tsconfig.base.json ./
COPY libs libs
COPY tools/sample-dancer.ts tools/
COPY apps/web apps/web
RUN npm run web:build
RUN rm -rf apps/web/.next/cache && find apps/web/.next -name '*.map' -delete

# prod-deps: the same lock file without devDependencies (and without onnxruntime-node's macOS and Windows
# binaries: these images are Linux).
FROM deps AS prod-deps
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force \
  && rm -rf node_modules/onnxruntime-node/bin/napi-v6/darwin node_modules/onnxruntime-node/bin/napi-v6/win32

FROM ${NODE_IMAGE} AS runtime
RUN apt-get update \
  && apt-get install -y --no-install-recommends tini \
  && rm -rf /var/lib/apt/lists/* \
  && groupadd --gid 10001 loris \
  && useradd --uid 10001 --gid 10001 --no-create-home --home-dir /tmp --shell /usr/sbin/nologin loris
WORKDIR /app
COPY --from=prod-deps /app/node_modules node_modules
COPY --from=build /app/apps/web/.next apps/web/.next
COPY --from=build /app/apps/web/public apps/web/public
COPY package.json ./
COPY apps/web/next.config.ts apps/web/
# next start writes its data cache here (an emptyDir in Kubernetes, where the root filesystem is read-only).
RUN mkdir -p apps/web/.next/cache && chown 10001:10001 apps/web/.next/cache
# WEB_HOST: every interface in a container (the console binds to 127.0.0.1 outside one, like the API).
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 WEB_HOST=0.0.0.0 WEB_PORT=3000 API_URL=http://api:4000 HOME=/tmp
USER 10001:10001
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.WEB_PORT||3000)+'/login').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
ENTRYPOINT ["/usr/bin/tini", "--"]
# What `npm run web:start` runs, without npm in between.
CMD ["sh", "-c", "exec node node_modules/next/dist/bin/next start apps/web --hostname \"${WEB_HOST:-0.0.0.0}\" --port \"${WEB_PORT:-3000}\""]
