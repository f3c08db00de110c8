#!/usr/bin/env bash
# Installs the Debian packages the product and its tests need, once: Postgres and Redis (the API, the
# worker and the integration suites), the trainer's PyTorch stack, ffmpeg for media and Chromium for the
# end-to-end tests, and kubectl (Debian's kubernetes-client), whose `kubectl kustomize` renders k8s/ in the
# unit tests, opencv-doc for its real footage (examples/data/vtest.avi, 80 s of pedestrians) that the
# curation suites ingest, and espeak-ng, whose voice the rating campaigns' trapping clips speak. Skips apt
# entirely when all are present.
set -euo pipefail
pkgs=(postgresql redis-server python3-torch python3-onnx python3-numpy python3-scipy python3-soundfile python3-yaml python3-pytest ffmpeg chromium opencv-doc espeak-ng)
# Any kubectl will do; another package's kubectl (e.g. Google Cloud SDK's) conflicts with kubernetes-client.
command -v kubectl >/dev/null || pkgs+=(kubernetes-client)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "Installing Debian packages: ${missing[*]}"
  SUDO=""
  [[ $(id -u) -ne 0 ]] && SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
