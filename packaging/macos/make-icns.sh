#!/usr/bin/env bash
# Builds the macOS icon (.icns) from the rendered PNGs with iconutil (macOS only):
#   packaging/macos/make-icns.sh [OUTPUT.icns]     (default: packaging/macos/RotationLens.icns)
# On Linux, assets/icons/render.sh makes the same file with png2icns.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
output="${1:-$here/RotationLens.icns}"
icons="$here/../../assets/icons/hicolor"
png() { echo "$icons/$1x$1/apps/app.rotationlens.RotationLens.png"; }

iconset="$(mktemp -d)/RotationLens.iconset"
mkdir -p "$iconset"
cp "$(png 16)" "$iconset/icon_16x16.png"
cp "$(png 32)" "$iconset/icon_16x16@2x.png"
cp "$(png 32)" "$iconset/icon_32x32.png"
cp "$(png 64)" "$iconset/icon_32x32@2x.png"
cp "$(png 128)" "$iconset/icon_128x128.png"
cp "$(png 256)" "$iconset/icon_128x128@2x.png"
cp "$(png 256)" "$iconset/icon_256x256.png"
cp "$(png 512)" "$iconset/icon_256x256@2x.png"
cp "$(png 512)" "$iconset/icon_512x512.png"
iconutil --convert icns --output "$output" "$iconset"
rm -rf "$(dirname "$iconset")"
echo "wrote $output"
