#!/usr/bin/env bash
# `bash tools/k8s-deploy.sh <overlay>` (dev or prod): one release onto the cluster of the current kubectl
# context. Removes the previous release's finished migrate Job (a Job's pod template cannot change), applies
# k8s/overlays/<overlay>, waits for the migrations, then for the api, web and worker rollouts (their pods
# start only after the migrate Job has succeeded: see k8s/base/migrate.yaml).
set -euo pipefail
cd "$(dirname "$0")/.."
overlay=${1:?usage: bash tools/k8s-deploy.sh <overlay: dev|prod>}
namespace=${NAMESPACE:-loris}
[[ -d k8s/overlays/$overlay ]] || { echo "no overlay k8s/overlays/$overlay" >&2; exit 2; }

kubectl -n "$namespace" delete job migrate --ignore-not-found --wait=true
kubectl apply -k "k8s/overlays/$overlay"
kubectl -n "$namespace" wait --for=condition=complete job/migrate --timeout=15m
for deployment in api web worker; do
  kubectl -n "$namespace" rollout status "deployment/$deployment" --timeout=15m
done
