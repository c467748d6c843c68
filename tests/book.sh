#!/usr/bin/env bash
# Builds the user guide (docs/, an mdBook) and checks every link of the built pages offline:
# relative links between pages and to their anchors, and the images. Installs the pinned tools
# with cargo when they are missing or of another version.
set -euo pipefail
cd "$(dirname "$0")/.."
MDBOOK_VERSION=0.5.4
LYCHEE_VERSION=0.24.2

have() { command -v "$1" > /dev/null && "$1" --version 2> /dev/null | grep -qF "$2"; }
if ! have mdbook "$MDBOOK_VERSION"; then
    # Without the live-reload server and watcher, which CI does not use.
    cargo install mdbook --version "$MDBOOK_VERSION" --locked --no-default-features --features search
fi
if ! have lychee "$LYCHEE_VERSION"; then
    cargo install lychee --version "$LYCHEE_VERSION" --locked --no-default-features
fi

book=${CARGO_TARGET_DIR:-target}/book
rm -rf "$book"
mdbook build docs --dest-dir "$(realpath -m "$book")"
# Offline: only local links (pages, anchors, images) are checked; web links are not fetched.
lychee --offline --include-fragments --no-progress --root-dir "$(realpath "$book")" "$book"
echo "book: built in $book and its links check"
