#!/usr/bin/env bash
# One sweep split over a Slurm job array: task K of N runs shard K/N of the preset into
# OUT/NAME-K-of-N.csv (NAME: the preset's name, or its file name without .preset).
#
# Submit from a login node (creates OUT first: Slurm opens the task logs there before the script runs):
#   scripts/slurm-sweep.sh submit --tasks 8 --preset seq-scaling [--devices ID,ID|all] [--out results/shards]
#                                 [--set KEY=V1,V2 ...] [--only 2,5] [-- SBATCH OPTIONS ...]
# GPU nodes, one GPU per task (Slurm sets CUDA_VISIBLE_DEVICES, so the task's GPU is ptx:0 / its OpenCL device):
#   scripts/slurm-sweep.sh submit --tasks 4 --preset seq-scaling --devices ptx:0 -- --gres=gpu:1 --partition=gpu
# Watch:   squeue --me        (a task's log: OUT/hetero-NAME-JOB_K.log)
# Merge:   scripts/lab merge --expect seq-scaling -o results/seq-scaling-all.csv results/shards/seq-scaling-*-of-8.csv
# A task that failed: resubmit it alone (--only K); it resumes its CSV, finished rows are kept:
#   scripts/slurm-sweep.sh submit --tasks 8 --only 3 --preset seq-scaling ...   (or: scontrol requeue JOB_3)
#
# Or plainly: sbatch --array=1-8 scripts/slurm-sweep.sh --preset seq-scaling (from the repository root, built
# already; logs: slurm-JOB_K.out in that directory).
# Inside the job (what sbatch runs) the same options select the shard: --shards N (default: the array's task
# count; submit always passes it, so a resubmitted single task still knows N).
# Defaults for sbatch (options given to sbatch or after submit's -- override them). No --output into a
# folder here: Slurm opens it before this script could create the folder; submit sets it.
#SBATCH --job-name=hetero-sweep
#SBATCH --cpus-per-task=8
#SBATCH --time=02:00:00
set -euo pipefail

usage() {
  sed -n '2,18p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

mode=job
if [[ "${1:-}" == submit ]]; then mode=submit; shift; fi
preset="" devices="" out=results/shards tasks="" only="" shards="" sets=() sbatch_opts=()
while (($#)); do
  case "$1" in
    --preset) preset="${2:?--preset needs a value}"; shift 2 ;;
    --devices) devices="${2:?--devices needs a value}"; shift 2 ;;
    --out) out="${2:?--out needs a value}"; shift 2 ;;
    --set) sets+=(--set "${2:?--set needs KEY=V1,V2}"); shift 2 ;;
    --tasks) tasks="${2:?--tasks needs a number}"; shift 2 ;;
    --only) only="${2:?--only needs task numbers}"; shift 2 ;;
    --shards) shards="${2:?--shards needs a number}"; shift 2 ;;
    --) shift; sbatch_opts=("$@"); break ;;
    -h|--help) usage ;;
    *) echo "slurm-sweep.sh: unknown argument '$1'" >&2; usage ;;
  esac
done
[[ -n "$preset" ]] || { echo "slurm-sweep.sh: --preset is required" >&2; usage; }
name="$(basename "$preset" .preset)"
device_opt=() # no --devices: the preset's devices line (itself defaulting to all)
[[ -n "$devices" ]] && device_opt=(--devices "$devices")

if [[ "$mode" == submit ]]; then
  [[ "$tasks" =~ ^[1-9][0-9]*$ ]] || { echo "slurm-sweep.sh: submit needs --tasks N (N >= 1)" >&2; exit 2; }
  ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  source "$ROOT/scripts/common.sh"
  select_jdk25
  # Build once here: N tasks building the same checkout at once would trip over each other.
  ensure_built
  # Paths as the tasks will see them, whatever directory sbatch is run from.
  [[ -f "$preset" ]] && preset="$(cd "$(dirname "$preset")" && pwd)/$(basename "$preset")"
  mkdir -p "$out"
  out="$(cd "$out" && pwd)"
  # (No dry run of the preset here: the devices exist on the nodes, and a login node may have no GPU. A bad
  # preset or --set fails each task at once with exit 2; its log says why.)
  job="$(sbatch --parsable --array="${only:-1-$tasks}" --job-name="hetero-$name" --chdir="$ROOT" \
    --output="$out/%x-%A_%a.log" "${sbatch_opts[@]}" "$ROOT/scripts/slurm-sweep.sh" \
    --preset "$preset" "${device_opt[@]}" --out "$out" --shards "$tasks" "${sets[@]}")"
  echo "submitted job array $job: $tasks shards of $name into $out (logs: $out/hetero-$name-${job%%;*}_K.log)"
  exit 0
fi

# ---- inside a job-array task ----
k="${SLURM_ARRAY_TASK_ID:?run as a Slurm job array (see: scripts/slurm-sweep.sh --help)}"
n="${shards:-${SLURM_ARRAY_TASK_COUNT:?run as a Slurm job array}}"
# Slurm runs a copy of this script from its spool folder; the checkout is the working directory submit chose.
ROOT="$PWD"
[[ -x "$ROOT/scripts/lab" ]] || ROOT="${SLURM_SUBMIT_DIR:-$PWD}"
[[ -x "$ROOT/scripts/lab" ]] || { echo "slurm-sweep.sh: no scripts/lab in $PWD: submit from the repository root" >&2; exit 2; }
cd "$ROOT"
mkdir -p "$out"
csv="$out/$name-$k-of-$n.csv"
echo "task $k/$n of job ${SLURM_ARRAY_JOB_ID:-?} (job id ${SLURM_JOB_ID:-?}) on ${SLURMD_NODENAME:-$(hostname)}: $csv"
# Each task writes its own shard; a resubmitted task resumes it (rows already there are not run again).
# The rows record SLURM_JOB_ID and the node (host, slurm_job columns).
CI=true scripts/lab sweep --preset "$preset" "${device_opt[@]}" "${sets[@]}" --shard "$k/$n" -q --no-plots -o "$csv"
