#!/usr/bin/env bash
# Benchmarks beyond the media pipeline, run by `make bench` after bench-media.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-.venv/bin}
DJANGO_SETTINGS_MODULE=${DJANGO_SETTINGS_MODULE:-mediasite.settings.dev} \
	"$BIN/python" scripts/bench_moderation.py "$@"
