#!/usr/bin/env bash
# `bash tools/k8s-dev-secrets.sh`: the Secrets k8s/overlays/dev references, with random values, in the
# namespace loris (created if missing). Leaves existing Secrets alone (delete one to regenerate it). For
# development clusters only: production Secrets come from your secret store (README.md "Deploy").
set -euo pipefail
namespace=${NAMESPACE:-loris}
rand() { head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n'; }

kubectl get namespace "$namespace" >/dev/null 2>&1 || kubectl create namespace "$namespace"
secret() {
  local name=$1
  shift
  if kubectl -n "$namespace" get secret "$name" >/dev/null 2>&1; then
    echo "secret/$name exists"
  else
    kubectl -n "$namespace" create secret generic "$name" "$@"
  fi
}

owner=$(rand)
app=$(rand)
redis=$(rand)
secret loris-database \
  --from-literal=owner-password="$owner" \
  --from-literal=owner-url="postgres://postgres:$owner@postgres:5432/loris" \
  --from-literal=app-password="$app" \
  --from-literal=app-url="postgres://loris_app:$app@postgres:5432/loris"
secret loris-redis \
  --from-literal=password="$redis" \
  --from-literal=address="redis:6379" \
  --from-literal=url="redis://:$redis@redis:6379"
secret loris-s3 \
  --from-literal=access-key-id="loris-$(rand | head -c 12)" \
  --from-literal=secret-access-key="$(rand)"
secret loris-auth --from-literal=token-secret="$(rand)"
