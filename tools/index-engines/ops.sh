#!/usr/bin/env bash
# Operational checks on an archive DIR whose indexes `index-engines DIR` built:
# 1. locking: an SQLite writer while a reader holds an Index, a second tantivy IndexWriter;
# 2. readers on a read-only copy, run as user nobody (root ignores file modes): with the
#    files' modes as the writers left them, then made readable to all (with and without
#    tantivy's lock files in the copy).
# Usage: bash tools/index-engines/ops.sh DIR
set -euo pipefail
dir=$1
bin=${BIN:-/tmp/target-engines/release/index-engines}
"$bin" ops "$dir"
copy=$(mktemp -d /tmp/engines-ro.XXXXXX)
for variant in as-written readable readable-without-lock-files; do
  rm -rf "$copy/a" "$copy"/a.tantivy-*
  cp -r "$dir" "$copy/a"
  for kind in words trigrams; do
    cp -r "$dir.tantivy-$kind" "$copy/a.tantivy-$kind"
    if [ "$variant" = readable-without-lock-files ]; then rm -f "$copy/a.tantivy-$kind"/.tantivy-*.lock; fi
  done
  if [ "$variant" != as-written ]; then chmod -R a+rX "$copy/a" "$copy"/a.tantivy-*; fi
  chmod -R a-w "$copy/a" "$copy"/a.tantivy-*
  chmod a+rx "$copy"
  echo "read-only copy, $variant:"
  setpriv --reuid=65534 --regid=65534 --clear-groups "$bin" readonly "$copy/a"
  chmod -R u+w "$copy"
done
rm -rf "$copy"
