#!/usr/bin/env bash
# Runs the sharded reproduction on the current kubectl context: the indexed Job, then, once it has completed or failed,
# the merge Job, whose log says what is missing if a shard failed.
#
#   deploy/k8s/run.sh [timeout]        (timeout for the shards, default 48h)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
kubectl apply -f "$here/repro-shards.yaml"
kubectl wait --for=condition=complete --timeout="${1:-48h}" job/repro-shards \
  || echo "repro-shards did not complete; merging what it left, to list the missing trainings" >&2
kubectl apply -f "$here/repro-merge.yaml"
kubectl wait --for=condition=complete --timeout=2h job/repro-merge || true
kubectl logs job/repro-merge
