#!/usr/bin/env bash
# Example Slurm job array: one sweep split over N machines, then merged.
#   sbatch --array=1-8 scripts/slurm-sweep.sh seq-scaling
#   (after all tasks finish)  scripts/lab merge -o results/seq-scaling-all.csv results/shards/seq-scaling-*.csv
#SBATCH --job-name=hetero-sweep
#SBATCH --cpus-per-task=8
#SBATCH --time=02:00:00
#SBATCH --output=results/shards/%x-%A_%a.log
set -euo pipefail
preset="${1:?usage: sbatch --array=1-N scripts/slurm-sweep.sh PRESET}"
k="${SLURM_ARRAY_TASK_ID:?run as a job array}"
n="${SLURM_ARRAY_TASK_COUNT:?run as a job array}"
cd "${SLURM_SUBMIT_DIR:-$(dirname "$0")/..}"
mkdir -p results/shards
# each task writes its own shard; re-submitting a failed task resumes its CSV
CI=true scripts/lab sweep --preset "$preset" --devices all --shard "$k/$n" -q \
  -o "results/shards/$preset-$k-of-$n.csv"
