#!/usr/bin/env bash
# Submits a reproduction split into N shards as a Slurm job array, and a merge job that starts when every shard has
# ended (whether it succeeded or not, so that it names what a failed shard left missing).
#
#   deploy/slurm/submit.sh N [repro run arguments...]      e.g.  deploy/slurm/submit.sh 8 --profile full --threads 8
#
# Run it from the repository on the cluster's shared file system, after `./build.sh Data` (builds Repro and verifies
# the datasets once, for every node). All shards share this checkout's artifacts/ folder: run records are
# content-addressed and written atomically, and each training belongs to one shard. Give the nodes one engine (same
# processor model, libtorch and --threads; `sbatch` options such as --constraint in SBATCH_* variables or
# shard.sbatch): the merge refuses shards of different engines.
set -euo pipefail

if [[ $# -lt 1 || ! "$1" =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: $0 N [repro run arguments...]  (N: the number of shards, a whole number from 1)" >&2
  exit 2
fi
shards="$1"
shift
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
mkdir -p "$root/artifacts/slurm"
# One artifacts folder holds the manifests of one batch: those of an earlier batch would make this one's shards refuse to
# start. The run records stay.
rm -rf "$root/artifacts/shards"

array=$(sbatch --parsable --array="1-$shards" --chdir="$root" --output="$root/artifacts/slurm/shard-%a.log" "$here/shard.sbatch" "$@")
merge=$(sbatch --parsable --dependency="afterany:$array" --chdir="$root" --output="$root/artifacts/slurm/merge.log" "$here/merge.sbatch")
echo "shards: job array $array (1-$shards); merge: job $merge, after the array ends. Logs in artifacts/slurm/."
