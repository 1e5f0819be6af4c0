#!/usr/bin/env bash
# Builds the class-data sharing archive ./headroom starts with: usage cds-archive.sh JAR ARCHIVE.
#
# A fresh JVM spends most of a small run's fixed cost loading, parsing and verifying classes
# (about 3,800: the JDK's desktop, font and time classes, Jackson, SnakeYAML, JFreeChart and
# Headroom's own). This script runs one example as a user would, with the JVM listing the classes
# it loads (-XX:DumpLoadedClassList), then has the JVM write them, parsed and verified, into a
# static archive (-Xshare:dump) that later JVMs map at start-up (-XX:SharedArchiveFile). It changes
# no result: the archive holds class metadata only. The JVM can use it only with the very jar it
# was built from (same path, size and time) and the same JVM; the launcher keeps a stamp of both
# and passes the archive only when they match, since a JVM refusing an app archive also leaves
# the JDK's own archive unused.
#
# Everything is made in a folder beside ARCHIVE and renamed into place, so a JVM already running
# with the previous archive mapped keeps its file. The JVM's messages go to ARCHIVE.log.
set -euo pipefail
jar="$1"
archive="$2"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d "$(dirname "$archive")/.cds.XXXXXX")"
trap 'mv -f "$work/log" "$archive.log" 2>/dev/null; rm -rf "$work"' EXIT
{
  java -Djava.awt.headless=true -XX:+UseParallelGC -XX:DumpLoadedClassList="$work/classes.lst" \
    -Dheadroom.jit.directives="$here/scripts/jit-directives.json" \
    -jar "$jar" run "$here/examples/three-tier.yaml" --load "$here/examples/profiles/three-tier-steady.yaml" --out "$work/out"
  java -Djava.awt.headless=true -XX:+UseParallelGC -Xshare:dump -XX:SharedClassListFile="$work/classes.lst" \
    -XX:SharedArchiveFile="$work/headroom.jsa" -cp "$jar"
} >"$work/log" 2>&1
mv -f "$work/headroom.jsa" "$archive"
