# shellcheck shell=bash
# Shared by the scripts in this directory; sourced, not run.

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
readonly REPO

package_installed() {
    [[ $(dpkg-query -W -f='${Status}' "$1" 2>/dev/null) == "install ok installed" ]]
}

# install_packages PACKAGE...: installs the Debian packages that are missing; apt-get update
# runs only when one is. CI machines start clean: every tool a script uses comes through here.
install_packages() {
    local missing=() package
    for package in "$@"; do
        package_installed "$package" || missing+=("$package")
    done
    ((${#missing[@]} == 0)) && return 0
    echo "installing ${missing[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# How a Swift program is linked to be shipped and run on its own (the CLI as scripts/run builds
# it, the tuned benchmark driver), as Go links its programs: the Swift runtime and
# FoundationEssentials inside (--static-swift-stdlib: no shared libraries to map and relocate at
# each start), by lld with packed relative relocations (the relocation table of a
# position-independent binary is read whole at start: 2.6 MB as RELA, 20 KB as RELR) and without
# exporting every symbol (the static runtime's link arguments export them all; their tables are
# megabytes the dynamic linker searches). Benchmarks/results has what each saves.
SHIPPED_BUILD=(-c release --static-swift-stdlib -Xswiftc -use-ld=lld
    -Xlinker -z -Xlinker pack-relative-relocs -Xlinker --no-export-dynamic)
readonly SHIPPED_BUILD

PRIVATE_ENGINE_STARTED=

# Points DOCKER_HOST at the private engine (scripts/engine, default directory), starting it
# if it does not answer yet. Only an engine started here is stopped by stop_private_engine:
# one the developer started by hand stays up. STEVEDORE_ENGINE picks the engine (20.10, the
# default, or 28: see scripts/engine) and STEVEDORE_ENGINE_DIR its directory; scripts/engine
# reads both from the environment, so every call below addresses the same engine.
use_private_engine() {
    eval "$("$REPO/scripts/engine" env)"
    export DOCKER_HOST
    "$REPO/scripts/engine" status || PRIVATE_ENGINE_STARTED=1
    "$REPO/scripts/engine" start
    # Its TLS endpoint exists once it has started: read the environment again.
    eval "$("$REPO/scripts/engine" env)"
    export STEVEDORE_TLS_HOST STEVEDORE_TLS_CERT_PATH STEVEDORE_BUILDX
}

stop_private_engine() {
    [[ -n $PRIVATE_ENGINE_STARTED ]] || return 0
    "$REPO/scripts/engine" stop || true
}
