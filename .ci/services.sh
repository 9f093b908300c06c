# Sourced by test.sh: installs (when missing) and starts the real servers the
# tests talk to, each on a loopback port in a throwaway directory. Each
# service script exports the variable its tests read; a test whose variable
# is unset prints a skip note instead of failing, so `cargo test` alone still
# works on a laptop without them.

services_start() {
    SERVICES_DIR=$(mktemp -d -t dateline-services.XXXXXX)
    export SERVICES_DIR
    local s
    for s in .ci/pg.sh .ci/nats.sh .ci/chromium.sh; do
        # shellcheck source=/dev/null
        [ -f "$s" ] && source "$s"
    done
    return 0
}

services_stop() {
    local f
    for f in "${SERVICES_DIR:-/nonexistent}"/*.stop; do
        [ -f "$f" ] && bash "$f" >/dev/null 2>&1
    done
    rm -rf "${SERVICES_DIR:-/nonexistent}"
}

# Runs apt-get install for the packages given, once per run, quietly.
apt_install() {
    if [ -z "${APT_UPDATED:-}" ]; then
        apt-get update -qq >/dev/null
        APT_UPDATED=1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}
