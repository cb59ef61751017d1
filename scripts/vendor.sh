#!/usr/bin/env bash
# Re-vendor the third-party browser code in static/vendor/ from the npm registry.
#
#   scripts/vendor.sh            fetch the pinned versions below and rewrite static/vendor/
#   HLS_VERSION=1.7.5 scripts/vendor.sh   try another release (then update the pin and the README)
#
# Each vendored file is copied from the package as published, with one change: a trailing
# `//# sourceMappingURL=…` comment is removed. We do not ship source maps, and Django's
# ManifestStaticFilesStorage (collectstatic in production) refuses a file that names a map it
# cannot find. mediasite/tests/test_static_build.py runs collectstatic to catch that.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

HLS_VERSION=${HLS_VERSION:-1.7.4}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# `npm pack` downloads the published tarball (checked against the registry's integrity hash).
fetch() { # fetch NAME VERSION -> prints the unpacked package folder
	local name=$1 version=$2 tarball
	tarball=$(cd "$work" && npm pack --silent "$name@$version")
	mkdir -p "$work/$name"
	tar -xzf "$work/$tarball" -C "$work/$name"
	echo "$work/$name/package"
}

# copy_js SOURCE TARGET: the file without its sourceMappingURL comment.
copy_js() {
	sed -E '/^\/\/# sourceMappingURL=/d' "$1" >"$2"
	if grep -q 'sourceMappingURL=' "$2"; then
		echo "vendor.sh: $2 still names a source map" >&2
		exit 1
	fi
}

# hls.js: the full build (the light build has no subtitle support), as a classic script that
# sets window.Hls.
hls=$(fetch hls.js "$HLS_VERSION")
mkdir -p static/vendor/hls.js
copy_js "$hls/dist/hls.min.js" static/vendor/hls.js/hls.min.js
cp "$hls/LICENSE" static/vendor/hls.js/LICENSE
echo "static/vendor/hls.js: hls.js $HLS_VERSION"
