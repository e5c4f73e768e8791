#!/usr/bin/env bash
# Builds "Rotation Lens.app" and a compressed disk image on macOS:
#   packaging/macos/build-app.sh             for this Mac's architecture
#   UNIVERSAL=1 packaging/macos/build-app.sh  one binary for Apple silicon and Intel
#                                             (needs: rustup target add aarch64-apple-darwin x86_64-apple-darwin)
# Output: <target dir>/macos/Rotation Lens.app and <target dir>/macos/RotationLens-<version>.dmg.
# The app is signed ad hoc so it runs on the machine that built it; to hand it to others, sign it
# with a Developer ID (codesign --sign "Developer ID Application: …" --options runtime) and notarize
# it (xcrun notarytool submit … --wait; xcrun stapler staple) before making the disk image.
set -euo pipefail
cd "$(dirname "$0")/../.."

version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)
target_dir="${CARGO_TARGET_DIR:-target}"
out="$target_dir/macos"
app="$out/Rotation Lens.app"

if [ "${UNIVERSAL:-0}" = 1 ]; then
  cargo build --release --locked --target aarch64-apple-darwin
  cargo build --release --locked --target x86_64-apple-darwin
  binary="$out/rotation-lens"
  mkdir -p "$out"
  lipo -create -output "$binary" \
    "$target_dir/aarch64-apple-darwin/release/rotation-lens" \
    "$target_dir/x86_64-apple-darwin/release/rotation-lens"
else
  cargo build --release --locked
  binary="$target_dir/release/rotation-lens"
fi

rm -rf "$app"
mkdir -p "$app/Contents/MacOS" "$app/Contents/Resources"
cp "$binary" "$app/Contents/MacOS/rotation-lens"
cp packaging/macos/Info.plist "$app/Contents/Info.plist"
plutil -replace CFBundleShortVersionString -string "$version" "$app/Contents/Info.plist"
plutil -replace CFBundleVersion -string "$version" "$app/Contents/Info.plist"
packaging/macos/make-icns.sh "$app/Contents/Resources/RotationLens.icns"
codesign --force --deep --sign - "$app"

staging="$(mktemp -d)"
cp -R "$app" "$staging/"
ln -s /Applications "$staging/Applications"
dmg="$out/RotationLens-$version.dmg"
hdiutil create -volname "Rotation Lens" -srcfolder "$staging" -ov -format UDZO "$dmg"
rm -rf "$staging"
echo "built $app"
echo "built $dmg"
