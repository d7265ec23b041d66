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

# install_build_packages: what building the package needs besides the Swift toolchain: zlib's
# headers and library, which compress-nio compresses uploads with (`build --compress`).
install_build_packages() {
    install_packages zlib1g-dev
}

# How a Swift program is linked to be shipped and run on its own (the CLI as scripts/run builds
# it, the tuned benchmark driver), as Go links its programs: the Swift runtime and
# FoundationEssentials inside (--static-swift-stdlib: no shared libraries to map and relocate at
# each start), by lld with packed relative relocations (the relocation table of a
# position-independent binary is read whole at start: 2.6 MB as RELA, 20 KB as RELR) and without
# exporting every symbol (the static runtime's link arguments export them all; their tables are
# megabytes the dynamic linker searches), and with every function in a section of its own, laid
# out as scripts/link says: the private functions (private-functions.ld) just before .text and
# the functions the CLI's everyday commands run (stevedore.order, written by
# scripts/symbol-order) at its start. Spread over its 25 MB, each page of code a command runs
# kept the 64 KiB around it resident (the kernel's fault-around). Concrete generic types are
# reached through their metadata accessors, not by demangling their names at run time
# (-disable-concrete-type-metadata-mangled-name-accessors): to build a type from its name the
# runtime must find the conformances its generic requirements name, and the first search for
# each walks all 12,387 conformance records of the CLI; three quarters of the instructions
# of `stevedore version` were such walks (scripts/conformance-lookups lists them).
# Benchmarks/results has what each saves.
SHIPPED_BUILD=(-c release --static-swift-stdlib -Xswiftc -use-ld=lld
    -Xswiftc -Xfrontend -Xswiftc -function-sections
    -Xswiftc -Xfrontend -Xswiftc -disable-concrete-type-metadata-mangled-name-accessors
    -Xlinker -z -Xlinker pack-relative-relocs -Xlinker --no-export-dynamic
    -Xlinker "--symbol-ordering-file=$REPO/scripts/link/stevedore.order" -Xlinker --no-warn-symbol-ordering
    -Xlinker -T -Xlinker "$REPO/scripts/link/private-functions.ld")
readonly SHIPPED_BUILD

# shipped_build PACKAGE SCRATCH PRODUCT [ORDER]: builds PRODUCT of the package at PACKAGE as
# SHIPPED_BUILD says, in the build directory SCRATCH, and prints the binary's path. ORDER, a
# symbol ordering file, takes the place of the CLI's for another program (Benchmarks/run's
# tuned driver has its own: the CLI's would gather functions it never runs). A shipped
# build wants a directory of its own: its objects differ from a plain release build's, so a
# shared one would rebuild everything at each switch, and swiftc keeps an existing object whose
# code is unchanged even when only code-generation flags (-function-sections) changed. SwiftPM
# does not know that the link reads scripts/link: a binary older than those files is removed,
# so that it is linked again.
shipped_build() {
    local order=${4:-$REPO/scripts/link/stevedore.order} binary layout
    install_build_packages
    local build=(swift build --package-path "$1" --scratch-path "$2"
        "${SHIPPED_BUILD[@]/#--symbol-ordering-file=*/--symbol-ordering-file=$order}")
    binary="$("${build[@]}" --show-bin-path)/$3" || return
    for layout in "$REPO"/scripts/link/* "$order"; do
        if [[ $layout -nt $binary ]]; then rm -f "$binary"; fi
    done
    "${build[@]}" --product "$3" >&2 || return
    echo "$binary"
}

# shipped_cli: the CLI as it is shipped (shipped_build in .build-shipped); prints its path.
shipped_cli() {
    shipped_build "$REPO" "$REPO/.build-shipped" stevedore
}

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
