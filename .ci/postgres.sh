#!/usr/bin/env bash
# Start a throw-away PostgreSQL for the storage tests and print the URL to use:
#
#     eval "$(bash .ci/postgres.sh)"        # sets MACA_TEST_PG_URL
#     bash .ci/postgres.sh stop             # stops it again (the data directory is kept)
#
# - installs PostgreSQL with apt-get if it is missing (Debian, as root);
# - runs its own cluster (initdb + pg_ctl) in $MACA_PG_DIR (default /tmp/maca-ci-pg) as the `postgres`
#   user when run as root, listening on 127.0.0.1 only, on a free port (or $MACA_PG_PORT);
# - creates user $MACA_PG_USER (default maca) with a random password, and database $MACA_PG_DB
#   (default maca_test) owned by it.
# Idempotent: a second run reuses the running cluster, user and database and prints the same URL.
# Only the `export MACA_TEST_PG_URL=...` line goes to stdout; everything else goes to stderr.
set -euo pipefail

exec 3>&1 1>&2 # fd 3 = the real stdout, kept for the export line

STATE_DIR=${MACA_PG_DIR:-/tmp/maca-ci-pg}
DATA_DIR=$STATE_DIR/data
DB_NAME=${MACA_PG_DB:-maca_test}
DB_USER=${MACA_PG_USER:-maca}

log() { printf 'postgres.sh: %s\n' "$*" >&2; }
die() {
    log "error: $*"
    exit 1
}

[[ $DB_NAME =~ ^[a-z_][a-z0-9_]*$ ]] || die "MACA_PG_DB must be a plain lower-case identifier, got '$DB_NAME'"
[[ $DB_USER =~ ^[a-z_][a-z0-9_]*$ ]] || die "MACA_PG_USER must be a plain lower-case identifier, got '$DB_USER'"

find_bindir() {
    local dir
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    if [[ -n $dir && -x $dir/initdb ]]; then
        echo "$dir"
    elif command -v initdb >/dev/null 2>&1; then
        dirname "$(command -v initdb)"
    fi
}

BINDIR=$(find_bindir)
if [[ -z $BINDIR ]]; then
    [[ $EUID -eq 0 ]] || die "PostgreSQL is not installed and installing it needs root: apt-get install postgresql"
    log "installing PostgreSQL with apt-get"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq postgresql >/dev/null
    BINDIR=$(find_bindir)
    [[ -n $BINDIR ]] || die "apt-get installed postgresql but no initdb was found under /usr/lib/postgresql"
fi

# Run a PostgreSQL program as the cluster owner: `postgres` when we are root (initdb refuses root).
if [[ $EUID -eq 0 ]]; then
    id postgres >/dev/null 2>&1 || useradd --system --home-dir "$STATE_DIR" --shell /bin/bash postgres
    OWNER=postgres
    as_owner() { runuser -u postgres -- "$@"; }
else
    OWNER=$(id -un)
    as_owner() { "$@"; }
fi

port_in_use() { (exec 9<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

free_port() {
    local port
    for port in $(seq 55432 55631); do
        if ! port_in_use "$port"; then
            echo "$port"
            return 0
        fi
    done
    die "no free port between 55432 and 55631; set MACA_PG_PORT"
}

mkdir -p "$STATE_DIR"
chown "$OWNER" "$STATE_DIR"
chmod 700 "$STATE_DIR"

if [[ ! -s $STATE_DIR/password ]]; then
    (umask 077 && head -c 32 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 24 >"$STATE_DIR/password")
    chown "$OWNER" "$STATE_DIR/password"
fi
PASSWORD=$(cat "$STATE_DIR/password")

if [[ ${1:-} == stop ]]; then
    if [[ -f $DATA_DIR/PG_VERSION ]] && as_owner "$BINDIR/pg_ctl" -D "$DATA_DIR" status >/dev/null 2>&1; then
        as_owner "$BINDIR/pg_ctl" -D "$DATA_DIR" -m fast -w stop >/dev/null
        log "stopped the cluster in $DATA_DIR"
    else
        log "no cluster running in $DATA_DIR"
    fi
    exit 0
fi

if [[ ! -f $DATA_DIR/PG_VERSION ]]; then
    log "creating a cluster in $DATA_DIR ($("$BINDIR/postgres" --version))"
    rm -rf "$DATA_DIR"
    as_owner "$BINDIR/initdb" -D "$DATA_DIR" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
        --encoding=UTF8 --locale=C.UTF-8 >/dev/null
fi

if as_owner "$BINDIR/pg_ctl" -D "$DATA_DIR" status >/dev/null 2>&1; then
    PORT=$(cat "$STATE_DIR/port")
    log "reusing the cluster already running on 127.0.0.1:$PORT"
else
    PORT=${MACA_PG_PORT:-$(free_port)}
    echo "$PORT" >"$STATE_DIR/port"
    log "starting the cluster on 127.0.0.1:$PORT (log: $STATE_DIR/server.log)"
    # The server must not inherit fd 3 (the caller's `$(...)`), or the caller waits for it forever.
    as_owner "$BINDIR/pg_ctl" -D "$DATA_DIR" -l "$STATE_DIR/server.log" -w -t 60 start \
        -o "-c listen_addresses=127.0.0.1 -p $PORT -c unix_socket_directories=$STATE_DIR" </dev/null >/dev/null 3>&- ||
        die "the server did not start; see $STATE_DIR/server.log"
fi

psql_admin() {
    as_owner "$BINDIR/psql" -X -q -v ON_ERROR_STOP=1 -h "$STATE_DIR" -p "$PORT" -U postgres -d postgres "$@"
}

# The password goes in as a psql variable, which psql quotes as a literal.
if [[ -z $(psql_admin -tAc "SELECT 1 FROM pg_roles WHERE rolname = '$DB_USER'") ]]; then
    log "creating user $DB_USER"
    psql_admin -v pw="$PASSWORD" <<<"CREATE ROLE $DB_USER LOGIN PASSWORD :'pw';"
else
    psql_admin -v pw="$PASSWORD" <<<"ALTER ROLE $DB_USER LOGIN PASSWORD :'pw';"
fi
if [[ -z $(psql_admin -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'") ]]; then
    log "creating database $DB_NAME"
    psql_admin -c "CREATE DATABASE $DB_NAME OWNER $DB_USER"
fi

# Prove the URL works over TCP with the password before handing it out.
PGPASSWORD=$PASSWORD "$BINDIR/psql" -X -q -h 127.0.0.1 -p "$PORT" -U "$DB_USER" -d "$DB_NAME" -tAc 'SELECT 1' \
    >/dev/null || die "cannot connect as $DB_USER to 127.0.0.1:$PORT/$DB_NAME"

log "ready: postgresql on 127.0.0.1:$PORT, database $DB_NAME, user $DB_USER"
printf 'export MACA_TEST_PG_URL=postgresql+psycopg://%s:%s@127.0.0.1:%s/%s\n' \
    "$DB_USER" "$PASSWORD" "$PORT" "$DB_NAME" >&3
