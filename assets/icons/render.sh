#!/usr/bin/env bash
# Renders the app icon from its SVG sources into every PNG size the desktop packages install
# (hicolor layout), plus the Windows .ico and, where png2icns exists, the macOS .icns.
#
# Sizes 16 and 24 come from a hand-tuned small drawing (thicker strokes, fewer details) so they
# stay legible; every larger size comes from the full drawing.
#
# Needs: rsvg-convert (Debian: librsvg2-bin); for the .ico ImageMagick's convert; for the .icns
# png2icns (Debian: icnsutils) — on macOS use packaging/macos/make-icns.sh (iconutil) instead.
set -euo pipefail
cd "$(dirname "$0")"

app_id="app.rotationlens.RotationLens"
full="$app_id.svg"
small="$app_id-small.svg"
sizes=(16 24 32 48 64 128 256 512)

for size in "${sizes[@]}"; do
  source="$full"
  if [ "$size" -le 24 ]; then source="$small"; fi
  out_dir="hicolor/${size}x${size}/apps"
  mkdir -p "$out_dir"
  rsvg-convert --width "$size" --height "$size" "$source" --output "$out_dir/$app_id.png"
  echo "rendered $out_dir/$app_id.png"
done

png_of() { echo "hicolor/$1x$1/apps/$app_id.png"; }

if command -v convert >/dev/null 2>&1; then
  convert "$(png_of 16)" "$(png_of 24)" "$(png_of 32)" "$(png_of 48)" "$(png_of 64)" \
    "$(png_of 256)" ../../packaging/windows/rotation-lens.ico
  echo "rendered packaging/windows/rotation-lens.ico"
else
  echo "skipped the .ico: ImageMagick's convert is not installed"
fi

if command -v png2icns >/dev/null 2>&1; then
  png2icns ../../packaging/macos/RotationLens.icns \
    "$(png_of 16)" "$(png_of 32)" "$(png_of 48)" "$(png_of 128)" "$(png_of 256)" "$(png_of 512)" >/dev/null
  echo "rendered packaging/macos/RotationLens.icns"
else
  echo "skipped the .icns: png2icns is not installed"
fi
