# Shared by the scripts in this folder: find JDK 25, make sure OpenCL (PoCL) is there, build.
# Sourced, not run.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# PoCL's SIGFPE handler would make host Java's integer x / 0 return x instead of throwing (the JVM
# relies on SIGFPE); 0 keeps the JVM's handling. The runtime also sets it before OpenCL loads.
export POCL_SIGFPE_HANDLER=0

# Selects a JDK 25 (or newer) for Maven and java: $JAVA_HOME if it is one, else the usual install places.
select_jdk25() {
  local candidates=()
  [[ -n "${JAVA_HOME:-}" ]] && candidates+=("$JAVA_HOME")
  candidates+=(/usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-25* /usr/lib/jvm/jdk-25* /usr/lib/jvm/java-25* /opt/jdk-25* /usr/local/jdk-25*)
  local java_on_path
  java_on_path="$(command -v java 2>/dev/null || true)"
  [[ -n "$java_on_path" ]] && candidates+=("$(dirname "$(dirname "$(readlink -f "$java_on_path")")")")
  for home in "${candidates[@]}"; do
    [[ -x "$home/bin/java" && -x "$home/bin/javac" ]] || continue
    local major
    major="$("$home/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}' | cut -d. -f1)"
    if [[ -n "$major" && "$major" -ge 25 ]]; then
      export JAVA_HOME="$home"
      export PATH="$home/bin:$PATH"
      # Maven's own libraries trip JDK 25's sun.misc.Unsafe warnings; they are not ours.
      export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
      return 0
    fi
  done
  echo "error: no JDK 25 found. This project needs JDK 25 (the ClassFile API); the default java here is $(java -version 2>&1 | head -1 || echo 'absent')." >&2
  echo "       Install one (e.g. Temurin 25 under /usr/lib/jvm) or set JAVA_HOME to it." >&2
  exit 1
}

as_root() {
  if [[ "$(id -u)" -eq 0 ]]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else return 1; fi
}

# Installs Debian packages that are missing (quietly); returns non-zero if it cannot.
apt_install() {
  local missing=()
  # "install ok installed" only: `dpkg -s` also succeeds for a removed package whose config files
  # remain (state rc), e.g. pocl-opencl-icd removed but /etc/OpenCL/vendors/pocl.icd still there.
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  ((${#missing[@]})) || return 0
  command -v apt-get >/dev/null || { echo "warning: cannot install ${missing[*]} (no apt-get)" >&2; return 1; }
  echo "installing ${missing[*]} ..." >&2
  as_root apt-get update -qq >/dev/null 2>&1 || true
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null 2>&1 \
    || { echo "warning: apt-get install ${missing[*]} failed" >&2; return 1; }
}

# OpenCL: the ICD loader and PoCL's CPU driver. JOCL opens the unversioned libOpenCL.so, which only
# the -dev package provides (ocl-icd-libopencl1 has libOpenCL.so.1 alone): without it every OpenCL
# test would silently run on jvm only. scripts/test checks afterwards that opencl really ran.
ensure_opencl() {
  if has_opencl_icd && has_libopencl_so; then
    return 0
  fi
  apt_install ocl-icd-libopencl1 ocl-icd-opencl-dev pocl-opencl-icd clinfo \
    || echo "warning: no usable OpenCL platform; the opencl backend will report itself unavailable" >&2
}

has_opencl_icd() {
  compgen -G "${OPENCL_VENDORS_DIR:-/etc/OpenCL/vendors}/*.icd" >/dev/null
}

# The exact name JOCL loads: "libOpenCL.so" in the linker cache or on LD_LIBRARY_PATH (not only .so.1).
has_libopencl_so() {
  local d f
  # The linker cache may be stale (a removed package), so the file it names must exist too.
  for f in $(ldconfig -p 2>/dev/null | awk '$1 == "libOpenCL.so" {print $NF}'); do [[ -e "$f" ]] && return 0; done
  IFS=: read -ra dirs <<<"${LD_LIBRARY_PATH:-}"
  for d in "${dirs[@]}"; do [[ -n "$d" && -e "$d/libOpenCL.so" ]] && return 0; done
  return 1
}

# Adds up the kernel-run files the test JVMs wrote (see hetero.runtime.api.KernelRuns) and prints
# one line per backend/device. Returns 1 when an OpenCL platform is installed (an ICD file exists)
# but the opencl backend could not use it: then the "on every device" tests ran on jvm alone.
backend_report() {
  local files=("$@")
  ((${#files[@]})) || { echo "no kernel-run records were written (did any test run?)"; return 0; }
  local icd=0
  has_opencl_icd && icd=1
  awk -F'\t' -v icd="$icd" -v vendors="${OPENCL_VENDORS_DIR:-/etc/OpenCL/vendors}" '
    function commas(n,   s) { s = sprintf("%d", n); while (s ~ /[0-9][0-9][0-9][0-9]/) sub(/[0-9][0-9][0-9]([,]|$)/, ",&", s); return s }
    $1 == "run" { runs[$2] += $3; backend = $2; sub(/:.*/, "", backend); ran[backend] = 1 }
    $1 == "unavailable" { why[$2] = $3 }
    END {
      print "kernel runs per device in this test run:"
      n = 0; for (d in runs) order[++n] = d
      for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (order[j] < order[i]) { t = order[i]; order[i] = order[j]; order[j] = t }
      for (i = 1; i <= n; i++) printf "  %-12s %s kernel runs\n", order[i], commas(runs[order[i]])
      for (b in why) if (!(b in ran)) printf "  %-12s skipped: %s\n", b, why[b]
      if (icd && ("opencl" in why)) {
        printf "error: an OpenCL platform is installed (%s/*.icd) but the opencl backend cannot use it: %s\n", vendors, why["opencl"] > "/dev/stderr"
        print  "       the tests that run \"on every device\" ran on jvm only. Install ocl-icd-opencl-dev (libOpenCL.so) or fix the driver." > "/dev/stderr"
        exit 1
      }
      if (icd && !("opencl" in ran)) print "  warning: an OpenCL platform is installed but no kernel ran on it" > "/dev/stderr"
    }' "${files[@]}"
}

# Validators used by the tests of the PTX and SPIR-V emitters (absent tools make those tests skip).
ensure_validators() {
  command -v spirv-val >/dev/null || apt_install spirv-tools \
    || echo "warning: no spirv-tools; the SPIR-V validation tests will skip" >&2
}

# The SPIR-V backend's route on drivers that take SPIR but not SPIR-V (PoCL): the Khronos SPIR-V/LLVM
# translator of the driver's LLVM version (PoCL names it in its platform version, "LLVM 15.0.6";
# Debian 12 has llvm-spirv-15) turns our modules into SPIR bitcode; spirv-tools validate and
# disassemble them. Without them the spirv backend reports itself unavailable; nothing fails.
ensure_spirv_route() {
  ensure_validators
  local llvm=15 named
  named="$(clinfo 2>/dev/null | grep -o 'LLVM [0-9][0-9]*' | head -1 | cut -d' ' -f2 || true)"
  [[ -n "$named" ]] && llvm="$named"
  command -v "llvm-spirv-$llvm" >/dev/null || apt_install "llvm-spirv-$llvm" \
    || echo "warning: no llvm-spirv-$llvm; the spirv backend will report itself unavailable on PoCL" >&2
}

mvn_quiet() {
  (cd "$ROOT" && mvn -B -q -Dstyle.color=never "$@")
}

# Builds the jars and the launcher classpath unless they are newer than the sources.
ensure_built() {
  local stamp="$ROOT/experiments/target/lib/.built"
  if [[ -f "$stamp" ]] && [[ -z "$(find "$ROOT" -path "$ROOT/*/target" -prune -o \( -name '*.java' -o -name 'pom.xml' -o -path '*/resources/*' \) -newer "$stamp" -print -quit)" ]]; then
    return 0
  fi
  echo "building ..." >&2
  # One reactor build: the sibling modules' jars come from their own target/ folders, never from
  # ~/.m2, so two checkouts (worktrees, CI beside a developer) cannot pick up each other's jars.
  mvn_quiet -DskipTests package dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory=target/lib
  touch "$stamp"
}

lab() {
  # The model's default kernels and variant=auto read this checkout's tuning files wherever lab is started from.
  HETERO_TUNING_DIR="${HETERO_TUNING_DIR:-$ROOT/results/tuning}" \
  java --enable-native-access=ALL-UNNAMED -cp "$ROOT/experiments/target/classes:$ROOT/experiments/target/lib/*" hetero.experiments.Lab "$@"
}
