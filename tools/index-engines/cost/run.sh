#!/usr/bin/env bash
# What a dependency costs: clean release builds (best of 3) of three tiny crates (none,
# rusqlite/bundled only, tantivy only), their dependency trees and binary sizes.
# Run from anywhere: bash tools/index-engines/cost/run.sh. Builds go to /tmp/target-engines/cost/.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
echo "| crate | clean release build, best of 3 (s) | runs (load average) | \`cargo tree\` lines | \`cargo tree -e normal\` lines | distinct crates (normal) | binary bytes | stripped bytes |"
echo "|---|--:|---|--:|--:|--:|--:|--:|"
for name in baseline rusqlite-only tantivy-only; do
  target=/tmp/target-engines/cost/$name
  cd "$here/$name"
  cargo fetch -q
  runs=""
  best=""
  for i in 1 2 3; do
    rm -rf "$target"
    start=$(date +%s.%N)
    CARGO_TARGET_DIR=$target cargo build --release -q --offline
    secs=$(echo "$(date +%s.%N) - $start" | bc)
    load=$(cut -d' ' -f1 /proc/loadavg)
    runs="$runs$(printf '%.1f' "$secs") ($load), "
    if [ -z "$best" ] || [ "$(echo "$secs < $best" | bc)" = 1 ]; then best=$secs; fi
  done
  all=$(cargo tree --offline | wc -l)
  lines=$(cargo tree --offline -e normal | wc -l)
  distinct=$(cargo tree --offline -e normal --prefix none | sed 's/ (\*)//' | sort -u | wc -l)
  bin=$target/release/cost-$name
  strip -o "$target/stripped" "$bin"
  printf '| %s | %.1f | %s | %s | %s | %s | %s | %s |\n' "$name" "$best" "${runs%, }" "$all" "$lines" "$distinct" \
    "$(stat -c %s "$bin")" "$(stat -c %s "$target/stripped")"
done
