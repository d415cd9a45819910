#!/usr/bin/env bash
# Usage: ./build.sh <Target> [--parameter value ...]     ./build.sh --help lists targets and parameters.
# Checks the system packages (build/prerequisites.sh), restores Cake (build/dotnet-tools.json) and runs
# build/build.cake with the target; every other argument reaches Cake verbatim (Cake accepts both
# --name value and --name=value). The exit code is Cake's.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"

export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1

# The first argument, when it is not an option, is the target; -h/--help anywhere asks for Help.
target=""
if [[ $# -gt 0 && "$1" != -* ]]; then
    target="$1"
    shift
fi
cake_args=()
for argument in "$@"; do
    case "$argument" in
        -h|--help|-\?) target="Help" ;;
        *) cake_args+=("$argument") ;;
    esac
done

# The target that will run: the positional one, else --target given as an option, else Cake's default (Help).
effective_target="${target:-Help}"
for ((i = 0; i < ${#cake_args[@]}; i++)); do
    case "${cake_args[i]}" in
        --target=*) effective_target="${cake_args[i]#--target=}" ;;
        --target) if ((i + 1 < ${#cake_args[@]})); then effective_target="${cake_args[i + 1]}"; fi ;;
    esac
done

case "${effective_target,,}" in
    help|clean) ;;
    *) bash build/prerequisites.sh ;;
esac

if ! command -v dotnet >/dev/null 2>&1; then
    echo "build.sh: dotnet not found: install the .NET 10 SDK (https://dot.net)." >&2
    exit 1
fi

dotnet tool restore --tool-manifest build/dotnet-tools.json

# `dotnet tool run` finds build/dotnet-tools.json from inside build/; the script sets the repo root itself.
cd build
if [[ -n "$target" ]]; then
    cake_args=("--target=$target" "${cake_args[@]}")
fi
# `--`: everything after it reaches Cake, even options `dotnet tool run` knows itself (-h, --help).
exec dotnet tool run dotnet-cake -- build.cake "${cake_args[@]}"
