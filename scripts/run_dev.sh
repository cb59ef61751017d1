#!/usr/bin/env bash
# `make run`'s last step: the development server and a Celery worker side by side, on the
# embedded default (mediasite.settings.dev). DEV_CELERY_WORKER=1 sends tasks through kombu's
# filesystem transport (var/celery-broker/, no service needed) to the worker, so an upload
# returns at once and the admin shows the transcode's progress. Ctrl-C (or SIGTERM) stops
# the server, then the worker; the worker's log goes to var/log/dev-worker.log.
#
#   HOST, PORT            where runserver listens (127.0.0.1, 8000)
#   CELERY_CONCURRENCY    worker processes (2)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BIN=${VENV:-$ROOT/.venv}/bin
HOST=${HOST:-127.0.0.1}
PORT=${PORT:-8000}
LOGS=${MEDIASITE_VAR:-$ROOT/var}/log
export DJANGO_SETTINGS_MODULE=${DJANGO_SETTINGS_MODULE:-mediasite.settings.dev}
export DEV_CELERY_WORKER=1

cd "$ROOT"
mkdir -p "$LOGS"

# Job control: each process gets its own process group, so stopping one stops its children
# too (runserver's autoreloader runs the server in a child), and Ctrl-C reaches this script.
set -m
WORKER=
SERVER=
stop_group() { # pid, name, seconds to wait before killing, whom to send TERM (-pid: all)
	[[ -n $1 ]] && kill -TERM -- "$4" 2>/dev/null || return 0
	echo "==> stopping $2 (pid $1)"
	local deadline=$((SECONDS + $3))
	while kill -0 -- "-$1" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.3; done
	# Still running (a transcode outlasting the warm shutdown): kill it; acks_late re-queues it.
	kill -KILL -- "-$1" 2>/dev/null || true
	wait "$1" 2>/dev/null || true
}
stop_all() {
	stop_group "$SERVER" "the web server" 5 "-$SERVER"
	# The worker's main process stops its pool itself (warm shutdown: the running task ends).
	stop_group "$WORKER" "the Celery worker" 15 "$WORKER"
}
trap stop_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

"$BIN/celery" -A mediasite worker --loglevel=INFO --concurrency="${CELERY_CONCURRENCY:-2}" \
	--without-mingle --without-gossip >>"$LOGS/dev-worker.log" 2>&1 &
WORKER=$!
echo "==> Celery worker (pid $WORKER) beside the web process; its log: $LOGS/dev-worker.log"

"$BIN/python" manage.py runserver "$HOST:$PORT" &
SERVER=$!
# Returns when the server exits, or at once on INT/TERM (then the traps stop both).
status=0
wait "$SERVER" || status=$?
exit "$status"
