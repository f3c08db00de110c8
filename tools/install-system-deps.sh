#!/usr/bin/env bash
# Installs the Debian packages the product and its tests need, once: Postgres and Redis (the API, the
# worker and the integration suites), the trainer's PyTorch stack, ffmpeg for media and Chromium for the
# end-to-end tests. Skips apt entirely when all are present.
set -euo pipefail
pkgs=(postgresql redis-server python3-torch python3-onnx python3-numpy python3-scipy python3-soundfile python3-yaml python3-pytest ffmpeg chromium)
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
