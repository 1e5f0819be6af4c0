#!/usr/bin/env bash
# Checks that a change meant to leave results alone does: every example design under every
# example profile it accepts, the validation designs under their profiles, the benchmark
# workloads, the tail-call test designs, and the studies of the docs (sweep, compare, capacity),
# run with the current sources and compared byte for byte with the saved reference outputs in
# examples/reference/ (summary.json, timeseries.csv, report.md; a sweep's results.csv; compare.json;
# capacity.json; a cluster's cluster-events.csv). Files over 256 KB are saved as their SHA-256 (NAME.sha256).
#
#   scripts/same-results.sh            run and compare; exit 1 and name every file that differs
#   scripts/same-results.sh --record   run and overwrite the reference (a change that is meant to
#                                      change results does this in a commit of its own)
#   scripts/same-results.sh --record-new   run only what has no reference yet (new examples) and add it,
#                                      leaving every recorded run as it is
#
# Uses the jar ./headroom builds; runs two at a time; about five minutes on 2 cores.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
mode="${1:-check}"
ref="$here/examples/reference"
work="$(mktemp -d "${TMPDIR:-/tmp}/headroom-same.XXXXXX")"
trap 'rm -rf "$work"' EXIT
./headroom --version >/dev/null 2>&1 || ./headroom --help >/dev/null   # builds the jar if stale
jar="$here/cli/target/headroom.jar"
hr() { java -Djava.awt.headless=true -XX:+UseParallelGC -jar "$jar" "$@"; }
export -f hr; export jar

# The tail-call designs of TailCallTest under its profiles (overload, crashes, scenario users).
cat > "$work/tail-open.yaml" <<'YAML'
name: open
warmup: 10s
mix: {default: 0.8, other: 0.2}
injection:
  - constantUsersPerSec: {rate: 400, during: 60s, randomized: true}
  - rampUsersPerSec: {from: 400, to: 900, during: 60s}
YAML
cat > "$work/tail-scenario.yaml" <<'YAML'
name: scen
injection:
  - constantUsersPerSec: {rate: 100, during: 60s, randomized: true}
scenario:
  - repeat: 4
    do:
      - {request: browse}
      - {pause: {dist: exponential, mean: 50ms}}
  - {request: checkout, p: 0.5}
YAML
cat > "$work/tail-retried.yaml" <<'YAML'
name: open
injection:
  - constantUsersPerSec: {rate: 300, during: 60s, randomized: true}
YAML
export work

# The runs, one per line: NAME then the command's arguments (NAME is the output folder).
jobs="$work/jobs"
: > "$jobs"
for design in examples/*.yaml; do
  for profile in examples/profiles/*.yaml; do
    d="$(basename "$design" .yaml)"; p="$(basename "$profile" .yaml)"
    if hr check "$design" --load "$profile" >/dev/null 2>&1; then
      echo "run-$d--$p run $design --load $profile" >> "$jobs"
    fi
  done
done
for design in examples/validation/*.yaml; do
  for profile in examples/validation/*.yaml; do
    [ "$design" = "$profile" ] && continue
    grep -q '^components:' "$design" || continue
    grep -q '^components:' "$profile" && continue
    d="$(basename "$design" .yaml)"; p="$(basename "$profile" .yaml)"
    if hr check "$design" --load "$profile" >/dev/null 2>&1; then
      echo "validation-$d--$p run $design --load $profile" >> "$jobs"
    fi
  done
done
cat >> "$jobs" <<'RUNS'
bench-mm4 run benchmarks/workloads/mm4.yaml --load benchmarks/workloads/mm4-2.2M.yaml
bench-tandem run benchmarks/workloads/tandem.yaml --load benchmarks/workloads/tandem-2.2M.yaml
bench-day run benchmarks/workloads/four-tier-hpa.yaml --load benchmarks/workloads/day-1000.yaml
tail-chain run simulator/src/test/resources/tail-call/chain.yaml --load $work/tail-open.yaml
tail-scenario run simulator/src/test/resources/tail-call/scenario-users.yaml --load $work/tail-scenario.yaml
tail-retried run simulator/src/test/resources/tail-call/retried-first-call.yaml --load $work/tail-retried.yaml
shop-replicated run examples/shop.yaml --load examples/profiles/shop-diurnal.yaml --replications 3 --threads 2
shop-window run examples/shop.yaml --load examples/profiles/shop-day.yaml --window 1m
api-hpa-warmup run examples/api-hpa.yaml --load examples/profiles/morning-ramp.yaml --replications 3 --threads 2 --warmup auto
sweep-hpa-targets sweep examples/studies/hpa-targets.yaml --threads 2
sweep-shop-sizing sweep examples/studies/shop-sizing.yaml --threads 2
compare-shop-variants compare --study examples/studies/shop-variants.yaml --threads 2
compare-k8s-buffer compare --study examples/studies/k8s-buffer.yaml --threads 2
compare-k8s-karpenter compare --study examples/studies/k8s-karpenter.yaml --threads 2
compare-k8s-cpu-limits compare --study examples/studies/k8s-cpu-limits.yaml --threads 2
compare-k8s-release compare --study examples/studies/k8s-release.yaml --threads 2
compare-data-tier-pools compare --study examples/studies/data-tier-pools.yaml --threads 2
compare-global-failover compare --study examples/studies/global-failover.yaml --threads 2
capacity-api-hpa capacity examples/api-hpa.yaml --load examples/profiles/morning-ramp.yaml --threads 2
capacity-shop-knob capacity examples/shop.yaml --load examples/profiles/shop-diurnal.yaml --slo "p99 < 250ms" --knob components.api.replicas --values 4,5,6,8 --replications 2 --threads 2
RUNS
# (benchmark workloads: only pairs that exist)
grep -v '^bench-' "$jobs" > "$jobs.k"
while read -r name _ design _ profile; do
  [ -f "$design" ] && [ -f "$profile" ] && grep "^$name " "$jobs" >> "$jobs.k"
done < <(grep '^bench-' "$jobs")
mv "$jobs.k" "$jobs"
if [ "$mode" = "--record-new" ]; then
  while read -r line; do [ -d "$ref/${line%% *}" ] || echo "$line"; done < "$jobs" > "$jobs.k"
  mv "$jobs.k" "$jobs"
fi

runone() {
  local line="$1" out="$2"
  local name="${line%% *}" args="${line#* }"
  mkdir -p "$out/$name"
  # shellcheck disable=SC2086
  if ! eval "hr $args --out \"$out/$name\"" > "$out/$name/stdout.txt" 2> "$out/$name/stderr.txt"; then
    echo "exit $?" >> "$out/$name/stderr.txt"
  fi
}
export -f runone
out="$work/out"
mkdir -p "$out"
tr '\n' '\0' < "$jobs" | xargs -0 -P 2 -I{} bash -c 'runone "$1" "$2"' _ {} "$out"

# Keep the result files; big ones as their hash.
kept="$work/kept"
mkdir -p "$kept"
while read -r line; do
  name="${line%% *}"
  mkdir -p "$kept/$name"
  for f in summary.json timeseries.csv report.md results.csv compare.json capacity.json cluster-events.csv stdout.txt; do
    src="$out/$name/$f"
    [ -f "$src" ] || continue
    if [ "$f" = stdout.txt ]; then sed -i "s#$out/##g; s#$work/##g" "$src"; fi
    if [ "$(stat -c %s "$src")" -gt 262144 ]; then
      (cd "$out/$name" && sha256sum "$f") > "$kept/$name/$f.sha256"
    else
      cp "$src" "$kept/$name/$f"
    fi
  done
  # progress lines ("headroom: 6.2 M of ≈ 605 M events (1%), 5 s so far, ...") depend on the wall clock: left out
  grep -Ev '^headroom: .* events( \(.*%\))?, [0-9]+ s so far' "$out/$name/stderr.txt" > "$out/$name/stderr.kept" || true
  if [ -s "$out/$name/stderr.kept" ]; then sed "s#$out/##g; s#$work/##g" "$out/$name/stderr.kept" > "$kept/$name/stderr.txt"; fi
done < "$jobs"

if [ "$mode" = "--record-new" ]; then
  cp -r "$kept"/. "$ref"/
  echo "recorded $(wc -l < "$jobs") new runs into examples/reference/"
  exit 0
fi
if [ "$mode" = "--record" ]; then
  rm -rf "$ref"; mkdir -p "$(dirname "$ref")"; cp -r "$kept" "$ref"
  echo "recorded $(wc -l < "$jobs") runs into examples/reference/"
  exit 0
fi
if diff -rq "$ref" "$kept" > "$work/diff.txt"; then
  echo "same results: $(wc -l < "$jobs") runs, $(find "$kept" -type f | wc -l) files byte-identical to examples/reference/"
else
  echo "DIFFERENT results:"; sed "s#$kept#(now)#g; s#$ref#(reference)#g" "$work/diff.txt"
  exit 1
fi
