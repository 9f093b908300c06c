# Sourced by .ci/services.sh: installs PostgreSQL 15 and PostGIS 3 from
# Debian's packages when missing, starts a throwaway cluster (trust auth,
# loopback only) in $SERVICES_DIR, and exports DATELINE_TEST_PG
# (postgres://...) for the shared storage suite. Writes
# $SERVICES_DIR/pg.stop to shut it down. Any failure leaves DATELINE_TEST_PG
# unset: the PostgreSQL tests then print a skip note, and this script says
# why on stderr.
#
# Standalone use: `SERVICES_DIR=$(mktemp -d) source .ci/pg.sh` (it needs
# apt_install from services.sh only when packages are missing).

PG_BIN=/usr/lib/postgresql/15/bin

pg_install() {
    if [ -x "$PG_BIN/initdb" ] && [ -f /usr/share/postgresql/15/extension/postgis.control ]; then
        return 0
    fi
    apt_install postgresql-15 postgresql-15-postgis-3 || return 1
    [ -x "$PG_BIN/initdb" ] && [ -f /usr/share/postgresql/15/extension/postgis.control ]
}

# Asks the kernel for a free loopback port by binding port 0.
pg_free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# Runs a command as the cluster's owner: PostgreSQL refuses to run as root.
pg_as_owner() {
    if [ "$(id -u)" = 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

pg_start() {
    if ! pg_install; then
        echo "pg.sh: could not install postgresql-15 and postgresql-15-postgis-3; PostgreSQL tests will be skipped" >&2
        return 0
    fi
    # Its own temporary directory: $SERVICES_DIR is private to root, and
    # the server runs as the postgres user.
    local dir port
    dir=$(mktemp -d -t dateline-pg.XXXXXX)
    [ "$(id -u)" = 0 ] && chown postgres "$dir"
    if ! pg_as_owner "$PG_BIN/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 \
        >"$dir/initdb.log" 2>&1; then
        echo "pg.sh: initdb failed; log:" >&2
        cat "$dir/initdb.log" >&2
        return 0
    fi
    port=$(pg_free_port)
    local owner=""
    [ "$(id -u)" = 0 ] && owner="runuser -u postgres --"
    printf '%s\n' "$owner $PG_BIN/pg_ctl -D '$dir/data' -m immediate stop" "rm -rf '$dir'" >"$SERVICES_DIR/pg.stop"
    # -w waits (bounded: 60 s) until the server accepts connections.
    if ! pg_as_owner "$PG_BIN/pg_ctl" -D "$dir/data" -w -t 60 -l "$dir/server.log" \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off" start >/dev/null 2>&1; then
        echo "pg.sh: PostgreSQL did not start; log:" >&2
        cat "$dir/server.log" >&2
        return 0
    fi
    if ! psql -h 127.0.0.1 -p "$port" -U postgres -qAt -c "CREATE DATABASE dateline_test" >/dev/null 2>&1; then
        echo "pg.sh: could not create the test database" >&2
        return 0
    fi
    export DATELINE_TEST_PG="postgres://postgres@127.0.0.1:$port/dateline_test"
    echo "pg.sh: PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') with PostGIS on $DATELINE_TEST_PG" >&2
}

pg_start
