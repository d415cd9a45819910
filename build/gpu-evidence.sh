#!/usr/bin/env bash
# One command that turns a short GPU loan into evidence. From the repository root, with the bundle of
# `./build.sh Bundle` in artifacts/bundle (repro without .NET, the shim's sources, the datasets):
#
#   build/gpu-evidence.sh [--device cuda|cpu] [--profile full|smoke] [--minutes M] [--out DIR] [--bundle DIR]
#                         [--torch-dir DIR] [--shards N] [--items device,parity,bench,runs,determinism,004-final-cv]
#
# It builds Repro's native shim against this machine's libtorch, then, each item with one line in summary.txt:
#   device       the device's facts and Repro's device class          (device.json)
#   parity       the first 20 training steps of report 003's LeNet-5 and report 004's CNN on the CPU and the
#                device from one state, and the same steps twice on the device, bit for bit   (parity.txt)
#   bench        `repro bench` against PyTorch eager on the device, batch 16 and 128        (bench.txt)
#   runs         report 003's three LeNet-5 experiments and report 001's subset runs, in N shards side by side
#                on the device, merged                                                      (runs.txt)
#   determinism  003-lenet5 trained again; its run records must equal the first ones bit for bit  (runs.txt)
#   004-final-cv as many of its five folds as the time left allows, one shard each           (runs.txt)
# and packs the results and run records into results.tar.gz for `repro import` at home. At most 8 files, each
# well under 16 MiB, in --out (default $OUT, else artifacts/evidence). An item that fails says why and the next
# one runs; trainings still running when the time is up stop at a clean point and keep their finished folds.
# --items runs only those (the nightly GPU workflow runs device, parity and bench: its trainings are its own). The
# exit code is 1 when an item failed.
#
# --device cpu rehearses every step on a CPU against the system's libtorch (Debian's libtorch-dev and
# python3-torch), with --profile smoke by default there.
set -uo pipefail

device=cuda profile='' minutes=9 out=${OUT:-} bundle=artifacts/bundle torch_dir='' shards='' items=device,parity,bench,runs,determinism,004-final-cv
while (($#)); do
  case $1 in
    --device) device=$2; shift 2 ;;
    --profile) profile=$2; shift 2 ;;
    --minutes) minutes=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --bundle) bundle=$2; shift 2 ;;
    --torch-dir) torch_dir=$2; shift 2 ;;
    --shards) shards=$2; shift 2 ;;
    --items) items=$2; shift 2 ;;
    -h|--help) sed -n '2,/^set -uo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "gpu-evidence: unknown argument '$1'; see $0 --help" >&2; exit 2 ;;
  esac
done
case $device in cuda|cpu) ;; *) echo "gpu-evidence: --device is cuda or cpu, not '$device'" >&2; exit 2 ;; esac
for number in "minutes=$minutes" "shards=${shards:-1}"; do
  [[ ${number#*=} =~ ^[1-9][0-9]*$ ]] || { echo "gpu-evidence: --${number%%=*} is a whole number from 1, not '${number#*=}'" >&2; exit 2; }
done
profile=${profile:-$([[ $device == cuda ]] && echo full || echo smoke)}
# Trainings of one batch side by side: on a GPU, separate processes keep it busy while each launches its small
# kernels; on a CPU, one per core.
if [[ -z $shards && $device == cuda ]]; then
  shards=5
elif [[ -z $shards ]]; then
  shards=$(nproc)
fi
out=${out:-artifacts/evidence}
if [[ ! -x $bundle/repro ]]; then
  echo "gpu-evidence: $bundle/repro is missing: run ./build.sh Bundle first and carry artifacts/bundle." >&2
  exit 2
fi
bundle=$(cd "$bundle" && pwd)
mkdir -p "$out" && out=$(cd "$out" && pwd)
repository=$PWD
# The Python with PyTorch: it names the libtorch to build against and runs the PyTorch side of the bench.
python=
for candidate in python3 /usr/bin/python3; do
  if "$candidate" -c 'import torch' 2>/dev/null; then python=$(command -v "$candidate"); break; fi
done
work=$(mktemp -d "${TMPDIR:-/tmp}/repro-evidence.XXXXXX")
trap 'rm -rf "$work"' EXIT
deadline=$((SECONDS + minutes * 60))
summary=$out/summary.txt
rm -f "$out"/{summary,native,parity,bench,runs}.txt "$out"/device.json "$out"/results.tar.gz
: >"$summary"

# One summary line: PASS, FAIL or SKIP, the item, what it found, and its seconds.
record() { printf '%-4s %-12s %s (%d s)\n' "$1" "$2" "$3" "$4" | tee -a "$summary"; }
left() { echo $((deadline - SECONDS)); }
# At most $1 seconds, and never past the deadline less 30 s for packing (at least 1: `timeout 0` would wait for ever).
within() {
  local most=$1 until_pack=$(($(left) - 30))
  ((until_pack < most)) && most=$until_pack
  ((most < 1)) && most=1
  echo "$most"
}
wanted() { [[ ,$items, == *,$1,* ]]; }

# A scratch repository root: repro finds its artifacts by the Repro.sln above the working directory.
root() { mkdir -p "$work/$1" && touch "$work/$1/Repro.sln" && echo "$work/$1"; }

# repro in a scratch root, for at most $1 seconds (and within the deadline); SIGINT first, so a training stops at a
# clean point.
repro_in() {
  local where=$1 seconds
  seconds=$(within "$2")
  shift 2
  (cd "$where" && timeout --signal=INT --kill-after=20 "$seconds" "$bundle/repro" "$@")
}

echo "gpu-evidence: device $device, profile $profile, $minutes min, $shards shard(s), output $out, scratch $work" | tee -a "$summary"

# --- native: the shim against this machine's libtorch --------------------------------------------------------
native_log=$out/native.txt
library=$work/native/lib/libreprotorch.so
build_native() {
  local arguments=(-S "$bundle/native" -B "$work/native/build" -DCMAKE_BUILD_TYPE=Release "-DREPRO_NATIVE_LIB_DIR=$work/native/lib")
  if [[ $device == cuda && -z $torch_dir && -z $python ]]; then
    echo "gpu-evidence: no Python that imports torch (tried python3 and /usr/bin/python3), so no CUDA libtorch to build against; pass --torch-dir <libtorch>/share/cmake/Torch"
    return 1
  fi
  if [[ $device == cuda ]]; then
    torch_dir=${torch_dir:-$("$python" -c 'import os, torch; print(os.path.join(torch.utils.cmake_prefix_path, "Torch"))')}
    local nvcc
    nvcc=$(command -v nvcc || echo /usr/local/cuda/bin/nvcc)
    export CUDACXX=$nvcc CUDA_HOME=${CUDA_HOME:-$(dirname "$(dirname "$nvcc")")}
    # The GPU's architecture, so that CMake need not probe for it.
    local architecture
    architecture=${TORCH_CUDA_ARCH_LIST:-$(nvidia-smi --query-gpu=compute_cap --format=csv,noheader 2>/dev/null | head -1)}
    if [[ -n $architecture ]]; then export TORCH_CUDA_ARCH_LIST=$architecture; else echo "gpu-evidence: nvidia-smi gives no compute capability; CMake probes for it"; fi
    arguments+=("-DCUDA_TOOLKIT_ROOT_DIR=$CUDA_HOME" "-DCUDAToolkit_ROOT=$CUDA_HOME")
  fi
  [[ -n $torch_dir ]] && arguments+=("-DTorch_DIR=$torch_dir")
  cmake "${arguments[@]}" && cmake --build "$work/native/build" --parallel "$(nproc)" && return 0
  # The shim needs no CUDA headers: where the wheel's CMake configuration cannot be satisfied, compile it as
  # PyTorch's own extension builder would, with the flags of the CMake build.
  echo "gpu-evidence: CMake failed; compiling the shim directly against the Python package's libtorch"
  if [[ -z $python ]]; then
    echo "gpu-evidence: no Python that imports torch to compile against either"
    return 1
  fi
  local torch standard libraries=(-ltorch -ltorch_cpu -lc10)
  torch=$("$python" -c 'import os, torch; print(os.path.dirname(torch.__file__))') || return 1
  # CMakeLists.txt's standard: C++20 from PyTorch 2.12.
  standard=$("$python" -c 'import torch; major, minor = map(int, torch.__version__.split(".")[:2]); print("gnu++20" if (major, minor) >= (2, 12) else "gnu++17")')
  [[ -e $torch/lib/libtorch_cuda.so ]] && libraries+=(-ltorch_cuda -lc10_cuda)
  mkdir -p "$work/native/lib"
  g++ -std="$standard" -O3 -DNDEBUG -fPIC -shared -fvisibility=hidden -Wall -Wextra -Wno-unused-parameter -ffp-contract=off -fno-math-errno \
    -fopenmp-simd -ffile-prefix-map="$bundle/native"=. -I"$torch/include" -I"$torch/include/torch/csrc/api/include" \
    "$bundle/native/repro_torch.cpp" "$bundle/native/fused_ops.cpp" -o "$library" -L"$torch/lib" -Wl,-rpath,"$torch/lib" -Wl,--no-as-needed "${libraries[@]}"
}
begin=$SECONDS
if build_native >"$native_log" 2>&1 && [[ -e $library ]]; then
  if ldd "$library" | grep -q 'not found'; then
    # A wheel's CUDA libraries live beside torch in site-packages/nvidia.
    site=$("$python" -c 'import os, torch; print(os.path.dirname(os.path.dirname(torch.__file__)))' 2>/dev/null)
    LD_LIBRARY_PATH=$(find "$site"/nvidia -maxdepth 2 -name lib -type d 2>/dev/null | tr '\n' :)${LD_LIBRARY_PATH:-}
    export LD_LIBRARY_PATH
  fi
  ldd "$library" >>"$native_log" 2>&1
  if [[ $device == cuda ]] && ! grep -q libtorch_cuda "$native_log"; then
    record FAIL native "libreprotorch.so links no libtorch_cuda (a CPU libtorch?): see native.txt; nothing else can run" $((SECONDS - begin))
    exit 1
  fi
  record PASS native "libreprotorch.so built against ${torch_dir:-the system libtorch}" $((SECONDS - begin))
else
  record FAIL native "the shim did not build: see native.txt; nothing else can run" $((SECONDS - begin))
  tail -c 1000000 "$native_log" >"$native_log.tail" && mv "$native_log.tail" "$native_log"
  exit 1
fi
export REPRO_TORCH_NATIVE=$library REPRO_DATA=$bundle/data REPRO_OFFLINE=1
# The bundle unpacks its charting libraries on first start; the home folder may not be writable.
export DOTNET_BUNDLE_EXTRACT_BASE_DIR=$work/dotnet-bundle

# --- device ----------------------------------------------------------------------------------------------------
device_facts() {
  local begin=$SECONDS class
  repro_in "$scratch" 60 device --device "$device" --json >"$out/device.json" 2>&1
  repro_in "$scratch" 60 device --device "$device" >"$work/device.txt" 2>&1
  class=$(sed -n 's/^device class: //p' "$work/device.txt")
  # On a loan, a class other than a GPU's means libtorch saw no GPU.
  if [[ -n $class && ($device == cpu || $class == cuda-*) ]]; then
    record PASS device "class $class; $(grep -E '^(gpu|cpu):' "$work/device.txt" | head -1)" $((SECONDS - begin))
  else
    cat "$work/device.txt" >>"$out/device.json"
    record FAIL device "no $device device class (got '${class:-none}'): see device.json" $((SECONDS - begin))
  fi
}

# --- parity and determinism of 20 steps -------------------------------------------------------------------------
parity() {
  local begin=$SECONDS against repeated
  {
    repro_in "$scratch" 240 parity --device "$device"; against=$?
    repro_in "$scratch" 120 parity --device "$device" --repeat; repeated=$?
  } >"$out/parity.txt" 2>&1
  local lines held
  lines=$(grep -cE '^(PASS|FAIL)' "$out/parity.txt")
  held=$(grep -cE '^PASS' "$out/parity.txt")
  record "$( ((against == 0 && repeated == 0 && lines == 4)) && echo PASS || echo FAIL)" parity \
    "$held of 4 comparisons hold (cpu ↔ $device from one state; $device twice): see parity.txt" $((SECONDS - begin))
}

# --- bench against PyTorch eager ---------------------------------------------------------------------------------
# From the working tree, which holds the PyTorch side (benchmarks/train_steps_pytorch.py). A CPU rehearsal times
# fewer steps: it checks that the bench runs, not how fast.
bench() {
  local begin=$SECONDS failed=0 steps ratios
  steps=$([[ $device == cuda ]] && echo 200 || echo 20)
  for batch in 16 128; do
    repro_in "$repository" 150 bench --device "$device" --batch "$batch" --steps "$steps" --warmup 5 ${python:+--python "$python"} \
      >>"$out/bench.txt" 2>&1 || failed=1
  done
  ratios=$(grep -E '^│ [0-9]{3}-' "$out/bench.txt" | awk -F'│' '{for (i = 2; i <= 7; i++) gsub(/ /, "", $i); printf "%s batch %s: %s vs %s (%s×); ", $2, $3, $5, $6, $7}')
  record "$( ((failed == 0)) && echo PASS || echo FAIL)" bench "steps/s, Repro vs PyTorch eager: ${ratios:-none}" $((SECONDS - begin))
}

# --- trainings: one batch in shards side by side, merged ---------------------------------------------------------
# $1 shards, each in its own root (its own run cache), all for at most $2 seconds; then `repro merge` into $3.
sharded_batch() {
  local count=$1 seconds=$2 into=$3 name=$4
  shift 4
  local pids=() folders=() status=0
  for ((k = 1; k <= count; k++)); do
    local shard_root
    shard_root=$(root "$name-shard-$k")
    folders+=("$shard_root/artifacts")
    repro_in "$shard_root" "$seconds" run --profile "$profile" --device "$device" --shard "$k/$count" "$@" \
      >"$work/$name-shard-$k.log" 2>&1 &
    pids+=($!)
  done
  for pid in "${pids[@]}"; do wait "$pid" || status=1; done
  for ((k = 1; k <= count; k++)); do
    echo "== shard $k/$count of $name"; tail -n 40 "$work/$name-shard-$k.log"
  done
  (cd "$into" && "$bundle/repro" merge "${folders[@]}") && return $status
  # The trainings that finished come home even when the batch is incomplete (the merge takes none of them then).
  mkdir -p "$into/artifacts/cache/runs"
  for folder in "${folders[@]}"; do cp -n "$folder"/cache/runs/*.json "$into/artifacts/cache/runs/" 2>/dev/null; done
  return 1
}

# "id seconds" of every result in root $1, comma-separated.
experiment_times() {
  find "$1/artifacts/results" -name result.json 2>/dev/null | sort | while read -r result; do
    python3 -c 'import json, sys; r = json.load(open(sys.argv[1])); print("%s %.0f s" % (r["experiment"]["id"], r["manifest"]["training_seconds"]))' "$result"
  done | paste -sd, -
}

runs() {
  local begin=$SECONDS
  if (($(left) < 150)); then
    record SKIP runs "$(left) s left: too little for the trainings" 0
    return
  fi
  local experiments=(003-lenet5 003-lenet5-dropout 003-lenet5-dropout-cv 001-cnn-holdout-digits-subset 001-cnn-cv-digits-subset)
  # Half of what is left, so that 004-final-cv gets at least a fold.
  if sharded_batch "$shards" $(($(left) / 2)) "$results" reproduced "${experiments[@]}" >>"$out/runs.txt" 2>&1; then
    record PASS runs "$(experiment_times "$results")" $((SECONDS - begin))
  else
    record FAIL runs "not every training finished or merged: $(experiment_times "$results"); see runs.txt" $((SECONDS - begin))
  fi
}

# Whether every run record of root $1 has a first one under its key in the results root.
first_records_of() {
  local record found=0
  for record in "$1"/artifacts/cache/runs/*.json; do
    [[ -e $record ]] || return 1
    [[ -e $results/artifacts/cache/runs/$(basename "$record") ]] || return 1
    found=1
  done
  ((found == 1))
}

# 003-lenet5 again in a root of its own; `repro import` of its records next to the first ones refuses any that
# differ under one key.
determinism() {
  local begin=$SECONDS again
  again=$(root again)
  if (($(left) < 90)); then
    record SKIP determinism "$(left) s left: too little for another 003-lenet5" 0
  elif ! { echo "== 003-lenet5 trained again"; repro_in "$again" $(($(left) / 3)) run --profile "$profile" --device "$device" 003-lenet5; } >>"$out/runs.txt" 2>&1; then
    record FAIL determinism "003-lenet5 did not train a second time: see runs.txt" $((SECONDS - begin))
  elif ! first_records_of "$again"; then
    record SKIP determinism "the first run of 003-lenet5 did not finish: nothing to compare with" $((SECONDS - begin))
  elif (cd "$results" && "$bundle/repro" import --results "$work/again-results" "$again/artifacts") >>"$out/runs.txt" 2>&1; then
    record PASS determinism "003-lenet5 trained twice: every run record equal bit for bit" $((SECONDS - begin))
  else
    record FAIL determinism "003-lenet5 trained twice: its run records differ (see runs.txt)" $((SECONDS - begin))
  fi
}

# As many of the five folds as the time left allows, one shard each, side by side.
final_cv() {
  local begin=$SECONDS seconds folds
  seconds=$(($(left) - 45))
  if ((seconds < 60)); then
    record SKIP 004-final-cv "$(left) s left" 0
    return
  fi
  local merged=0
  sharded_batch 5 "$seconds" "$results" final-cv 004-final-cv >>"$out/runs.txt" 2>&1 && merged=1
  # Each shard trains its fold in a run cache of its own.
  folds=$(find "$work" -path '*/final-cv-shard-*/artifacts/cache/runs/*.json' 2>/dev/null | wc -l)
  if ((merged == 1)); then
    record PASS 004-final-cv "5 of 5 folds in the $seconds s left; $(experiment_times "$results" | tr , '\n' | grep 004-final-cv)" $((SECONDS - begin))
  else
    record FAIL 004-final-cv "$folds of 5 folds trained in the $seconds s left, no result (their run records come home): see runs.txt" $((SECONDS - begin))
  fi
}

# The results and run records (alone, of a batch that did not finish, they import too), for `repro import` at home.
pack() {
  local packed=() folder kib
  for folder in results cache/runs; do [[ -d $results/artifacts/$folder ]] && packed+=("$folder"); done
  ((${#packed[@]} > 0)) || return 0
  tar czf "$out/results.tar.gz" -C "$results/artifacts" "${packed[@]}" 2>>"$out/runs.txt"
  kib=$(du -k "$out/results.tar.gz" | cut -f1)
  record "$( ((kib > 0 && kib < 16 * 1024)) && echo PASS || echo FAIL)" pack \
    "results.tar.gz $kib KiB ($(IFS=' '; echo "${packed[*]}")): at home, repro import results.tar.gz" 0
}

scratch=$(root scratch)
results=$(root results)
wanted device && device_facts
wanted parity && parity
wanted bench && bench
wanted runs && runs
wanted determinism && determinism
wanted 004-final-cv && final_cv
pack
# Every file comes back only under 16 MiB: the logs keep their ends.
for log in "$out"/*.txt; do
  tail -c 4000000 "$log" >"$log.tail" && mv "$log.tail" "$log"
done
echo "gpu-evidence: $(grep -c '^PASS' "$summary") passed, $(grep -c '^FAIL' "$summary") failed, $(grep -c '^SKIP' "$summary") skipped; $SECONDS s in all" | tee -a "$summary"
! grep -q '^FAIL' "$summary"
