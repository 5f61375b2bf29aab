#!/usr/bin/env bash
# Runs on the GPU machine from the repository root (see scripts/gpu-bundle): the JUnit suites on every
# device the machine has (ptx through the CUDA driver, NVIDIA OpenCL through the carried ICD loader),
# then kernel timings on each GPU backend and PyTorch on the same shapes, into $OUT.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="${OUT:-/tmp/gpu-check}"
mkdir -p "$out"
export LD_LIBRARY_PATH="$here/opencl:${LD_LIBRARY_PATH:-}"
export OCL_ICD_VENDORS="$here/opencl/vendors"
cp=""
for d in "$here"/*-classes; do cp="$cp:$d"; done
for j in "$here"/lib/*.jar; do [[ $j == *junit-platform-console* ]] || cp="$cp:$j"; done
cp="${cp#:}"
java="$here/jdk/bin/java --enable-native-access=ALL-UNNAMED -Xss4m"
$java -cp "$cp" hetero.experiments.Lab devices 2>&1 | tee "$out/devices.txt"
if [[ "${GPU_CHECK_TESTS:-1}" == 1 ]]; then
  $java -jar "$here"/lib/junit-platform-console-standalone-*.jar execute -cp "$cp" ${GPU_CHECK_SELECT:---select-package hetero} \
    --details=summary --disable-banner --reports-dir="$out/junit" 2>&1 | grep -vE '^\s+(java\.|\[\.\.\.\]|jdk\.|org\.junit)' | tail -60
fi
if [[ "${GPU_CHECK_TIMING:-1}" == 1 ]]; then
  for dev in ptx:0 opencl:0:0; do
    name="${dev//:/_}"
    $java -cp "$cp" hetero.experiments.bench.KernelTiming "$dev" ${TIMING_ARGS:-} > "$out/timing-$name.csv" 2> "$out/timing-$name.err"
  done
  python3 "$here/torch_reference.py" ${TORCH_ARGS:-} > "$out/timing-torch.csv" 2> "$out/timing-torch.err"
  cat "$out"/timing-*.csv
fi
