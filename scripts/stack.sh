#!/usr/bin/env bash
# The production-like stack on this machine: gunicorn (deploy/gunicorn.conf.py) on
# 127.0.0.1:8000, a Celery worker and Celery beat, with mediasite.settings.production
# against the services of scripts/services.sh (PostgreSQL, Redis, SeaweedFS).
#
#   scripts/stack.sh          services up, collectstatic, migrate, then run all three in the
#                             foreground; Ctrl-C (or SIGTERM) stops them
#   scripts/stack.sh down     stop a stack that was left running (pid files in var/run)
#
# Production settings want a long SECRET_KEY: one is generated once into var/secret_key unless
# SECRET_KEY is set. Plain http here, so SECURE_SSL_REDIRECT and HSTS are off; session and
# CSRF cookies stay Secure (production.py), so signing in over http://127.0.0.1 will not stick.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VAR=${MEDIASITE_VAR:-$ROOT/var}
VENV=${VENV:-$ROOT/.venv}
BIN=$VENV/bin
RUN=$VAR/run
LOGS=$VAR/log
NAMES=(gunicorn worker beat)

log() { printf '==> %s\n' "$*"; }

stop_all() {
	local name pid
	for name in "${NAMES[@]}"; do
		pid=$(cat "$RUN/stack-$name.pid" 2>/dev/null) || continue
		if kill -0 "$pid" 2>/dev/null; then
			log "stopping $name (pid $pid)"
			kill -TERM "$pid" 2>/dev/null || true
		fi
	done
	for name in "${NAMES[@]}"; do
		pid=$(cat "$RUN/stack-$name.pid" 2>/dev/null) || continue
		local deadline=$((SECONDS + 30))
		while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.5; done
		if kill -0 "$pid" 2>/dev/null; then
			log "$name (pid $pid) still running after 30s: killing it"
			kill -KILL "$pid" 2>/dev/null || true
		fi
		rm -f "$RUN/stack-$name.pid"
	done
}

if [[ ${1:-} == down ]]; then
	stop_all
	exit 0
fi

cd "$ROOT"
mkdir -p "$RUN" "$LOGS"

for name in "${NAMES[@]}"; do
	if [[ -f $RUN/stack-$name.pid ]] && kill -0 "$(cat "$RUN/stack-$name.pid")" 2>/dev/null; then
		echo "ERROR: $name is already running (pid $(cat "$RUN/stack-$name.pid")); run 'make stack-down'" >&2
		exit 1
	fi
done

bash scripts/services.sh up
eval "$(bash scripts/services.sh env)"

if [[ -z ${SECRET_KEY:-} ]]; then
	if [[ ! -s $VAR/secret_key ]]; then
		"$BIN/python" -c 'import secrets; print(secrets.token_urlsafe(64))' >"$VAR/secret_key"
		chmod 600 "$VAR/secret_key"
	fi
	SECRET_KEY=$(cat "$VAR/secret_key")
fi
export SECRET_KEY
export DJANGO_SETTINGS_MODULE=mediasite.settings.production
export DEBUG=false
export SECURE_SSL_REDIRECT=${SECURE_SSL_REDIRECT:-false}
export SECURE_HSTS_SECONDS=${SECURE_HSTS_SECONDS:-0}
export SECURE_HSTS_PRELOAD=${SECURE_HSTS_PRELOAD:-false}
export ALLOWED_HOSTS=${ALLOWED_HOSTS:-127.0.0.1,localhost}
export ALLOWED_HOST_PORTS=${ALLOWED_HOST_PORTS:-8000}
export CSRF_TRUSTED_ORIGINS=${CSRF_TRUSTED_ORIGINS:-http://127.0.0.1:8000,http://localhost:8000}
export ACCOUNT_EMAIL_VERIFICATION=${ACCOUNT_EMAIL_VERIFICATION:-optional}
export GUNICORN_BIND=${GUNICORN_BIND:-127.0.0.1:8000}

log "collectstatic"
"$BIN/python" manage.py collectstatic --noinput -v 0
log "migrate"
"$BIN/python" manage.py migrate --noinput

trap 'trap - INT TERM EXIT; stop_all' INT TERM EXIT

"$BIN/gunicorn" -c deploy/gunicorn.conf.py mediasite.wsgi &
echo $! >"$RUN/stack-gunicorn.pid"
"$BIN/celery" -A mediasite worker --loglevel INFO --concurrency "${CELERY_CONCURRENCY:-2}" &
echo $! >"$RUN/stack-worker.pid"
"$BIN/celery" -A mediasite beat --loglevel INFO --schedule "$VAR/celerybeat-schedule" \
	--pidfile= &
echo $! >"$RUN/stack-beat.pid"

log "stack running: http://$GUNICORN_BIND/ (gunicorn, Celery worker, Celery beat); Ctrl-C stops it"
# Stop everything as soon as one of the three exits.
set +e
wait -n
status=$?
log "a stack process exited (status $status); stopping the others"
exit "$status"
