#!/usr/bin/env bash
# Benchmarks beyond the media pipeline, run by `make bench` after bench-media.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-.venv/bin}
DJANGO_SETTINGS_MODULE=${DJANGO_SETTINGS_MODULE:-mediasite.settings.dev} \
	"$BIN/python" scripts/bench_moderation.py "$@"

# Engagement: on the services' PostgreSQL when it is up (its own database there,
# mediasite_bench_engagement, created by the script), else on its own SQLite file
# (which skips the threads figure). BENCH_DATABASE_URL set by the caller wins.
# (status is read whole first: `grep -q` on the pipe would end it early, and pipefail would fail it.)
services_status=$(bash scripts/services.sh status 2>/dev/null || true)
if [[ -z ${BENCH_DATABASE_URL:-} ]] && grep -q '^postgresql *up' <<<"$services_status"; then
	services_db=$(bash scripts/services.sh env | sed -n "s/^export DATABASE_URL='\(.*\)'$/\1/p")
	if [[ -n $services_db ]]; then
		export BENCH_DATABASE_URL="${services_db%/*}/mediasite_bench_engagement"
	fi
fi
DJANGO_SETTINGS_MODULE=${DJANGO_SETTINGS_MODULE:-mediasite.settings.dev} \
	"$BIN/python" scripts/bench_engagement.py
