#!/usr/bin/env bash
# Builds the class-data sharing archive ./headroom starts with: usage cds-archive.sh JAR ARCHIVE.
#
# A fresh JVM spends most of a small run's fixed cost loading, parsing and verifying classes
# (about 3,800: the JDK's desktop, font and time classes, Jackson, SnakeYAML, JFreeChart and
# Headroom's own). This script runs one example as a user would, with the JVM listing the classes
# it loads (-XX:DumpLoadedClassList), then has the JVM write them, parsed and verified, into a
# static archive (-Xshare:dump) that later JVMs map at start-up (-XX:SharedArchiveFile). It changes
# no result: the archive holds class metadata only. The JVM uses it only with the very jar it was
# built from (same path, size and time); otherwise, or if the archive is damaged, it starts as if
# there were none. Any failure here leaves no archive and ./headroom runs without one.
set -euo pipefail
jar="$1"
archive="$2"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/headroom-cds.XXXXXX")"
trap 'rm -rf "$work"' EXIT
log="$archive.log"
{
  java -Djava.awt.headless=true -XX:+UseParallelGC -Xshare:auto -XX:DumpLoadedClassList="$work/classes.lst" \
    -jar "$jar" run "$here/examples/three-tier.yaml" --load "$here/examples/profiles/three-tier-steady.yaml" --out "$work/out"
  java -Djava.awt.headless=true -XX:+UseParallelGC -Xshare:dump -XX:SharedClassListFile="$work/classes.lst" \
    -XX:SharedArchiveFile="$work/headroom.jsa" -cp "$jar"
} >"$log" 2>&1
mv -f "$work/headroom.jsa" "$archive"
