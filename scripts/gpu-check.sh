#!/usr/bin/env bash
# Runs on the GPU machine from the repository root: the JUnit suites of the bundled modules on every
# device the machine has (ptx through the CUDA driver, NVIDIA OpenCL through the carried ICD loader).
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
export LD_LIBRARY_PATH="$here/opencl:${LD_LIBRARY_PATH:-}"
export OCL_ICD_VENDORS="$here/opencl/vendors"
cp=""
for d in "$here"/*-classes; do cp="$cp:$d"; done
for j in "$here"/lib/*.jar; do [[ $j == *junit-platform-console* ]] || cp="$cp:$j"; done
java="$here/jdk/bin/java"
"$java" --enable-native-access=ALL-UNNAMED -cp "${cp#:}" hetero.experiments.Lab devices 2>/dev/null || true
select="${GPU_CHECK_SELECT:---select-package hetero}"
"$java" --enable-native-access=ALL-UNNAMED -Xss4m -jar "$here"/lib/junit-platform-console-standalone-*.jar execute \
  -cp "${cp#:}" $select --details=summary --disable-banner --reports-dir="${OUT:-/tmp}/junit" "$@"
