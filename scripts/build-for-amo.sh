#!/bin/sh
# Rebuilds the Firefox add-on from the sources archive that `npm run zip` makes (.output/luanma-<version>-sources.zip),
# as an addons.mozilla.org reviewer does. Needs Node 20.19 or later with npm, on any OS with a POSIX shell; npm ci
# fetches the exact versions in package-lock.json from the npm registry, nothing else is downloaded.
#
#   unzip luanma-0.1.0-sources.zip -d luanma && cd luanma && sh scripts/build-for-amo.sh
#
# Result: .output/firefox-mv2/ holds the same files as the submitted luanma-<version>-firefox.zip (compare with
# `unzip -d submitted luanma-0.1.0-firefox.zip && diff -r submitted .output/firefox-mv2`), and
# .output/luanma-<version>-firefox.zip is made again from them. The bundles are minified by the build (Vite,
# its default minifier), not by hand; the language model and codec tables are generated files in src/ whose
# generators are in scripts/ (README, "Data and licences").
#
# --no-install skips `npm ci` where node_modules was already installed from this package-lock.json.
set -eu
cd "$(dirname "$0")/.."
node -e 'const [a, b] = process.versions.node.split(".").map(Number); if (a < 20 || (a === 20 && b < 19)) { console.error(`Node 20.19 or later is needed; this is ${process.version}`); process.exit(1); }'
if [ "${1:-}" != "--no-install" ]; then
  npm ci # its postinstall runs `wxt prepare`
else
  npx wxt prepare
fi
npx wxt zip -b firefox
