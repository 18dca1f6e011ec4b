#!/usr/bin/env bash
# Rolls Fleet Console out to the current kubectl context: the migration Job first, and the
# Deployments only once it has completed (the previous version keeps serving meanwhile, so
# migrations must stay compatible with it: add, backfill, then drop in a later release).
#   deploy/rollout.sh [overlay-dir]        (default: deploy/k8s/overlays/eks)
set -euo pipefail

overlay="${1:-deploy/k8s/overlays/eks}"
namespace="${NAMESPACE:-fleet-console}"
job=fleet-console-migrate
rendered="$(mktemp)"
trap 'rm -f "$rendered"' EXIT
kubectl kustomize "$overlay" >"$rendered"

# 1. A Job's pod template is immutable: replace the previous run. Apply what the Job needs
#    (namespace, account, secret sync) and the Job itself, but not the web or worker objects.
kubectl -n "$namespace" delete job "$job" --ignore-not-found --wait=true
kubectl apply -f "$rendered" -l 'app.kubernetes.io/component notin (web,worker)'

# 2. Wait for it; on failure show its log and stop before anything rolls.
for _ in $(seq 1 200); do
  conditions="$(kubectl -n "$namespace" get job "$job" -o jsonpath='{.status.conditions[?(@.status=="True")].type}')"
  case "$conditions" in
    *Failed*)
      kubectl -n "$namespace" logs "job/$job" --tail=50 || true
      echo "rollout: migration job failed; nothing was rolled out" >&2
      exit 1
      ;;
    *Complete*) break ;;
  esac
  sleep 5
done
if [[ "$conditions" != *Complete* ]]; then
  echo "rollout: migration job did not finish in time" >&2
  exit 1
fi

# 3. Everything, then wait for both Deployments.
kubectl apply -f "$rendered"
kubectl -n "$namespace" rollout status deployment/fleet-console-web --timeout=10m
kubectl -n "$namespace" rollout status deployment/fleet-console-worker --timeout=10m
