#!/usr/bin/env bash
# Macro benchmark of issues 8 and 25: times `./headroom run` as a user runs it on two workloads
# (M/M/4 and an open tandem, 2.2 million requests each) next to a plain hand-written Java event
# loop of the same workload and the same model written for SSJ (a published simulation library,
# io.headroom.bench.SsjMM4 / SsjTandem), in the same sitting, alternating the three, and prints
# requests/s, events/s and peak RSS with the ratios Headroom / hand-written and Headroom / SSJ.
# Wall time includes JVM start-up on every side (and, for Headroom, reading the YAML and writing
# summary.json, timeseries.csv and the report). Also the simulation alone, cold as a user runs it:
# Headroom's "simulating" phase (headroom run --timings) against the hand-written loop's and the
# SSJ model's own loop-only time, each in its fresh JVM.
#
#   benchmarks/run.sh [RUNS]      (default 3 runs of each; the table shows the medians)
#   BENCH_MVN_ARGS=-o benchmarks/run.sh    builds offline (extra arguments to the one Maven build)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
runs="${1:-3}"
jar="$root/benchmarks/target/benchmarks.jar"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "building once (mvn ${BENCH_MVN_ARGS:-} -DskipTests package)..." >&2
(cd "$root" && mvn -B -q -Dstyle.color=never ${BENCH_MVN_ARGS:-} -DskipTests package 2>&1 | sed 's/\x1b\[0m//g' >&2)
# the launcher's class-data archive (scripts/cds-archive.sh) is made once per build, before any timed run
"$root/headroom" --version >/dev/null
if [ ! -f "$root/cli/target/headroom.jsa.stamp" ] && [ "${HEADROOM_CDS:-on}" != off ]; then
  echo "run.sh: ./headroom made no class-data archive (see cli/target/headroom.jsa.log); HEADROOM_CDS=off to time without" >&2
  exit 1
fi

now_ns() { date +%s%N; }

# time_cmd LOG CMD...: runs CMD with its output in LOG; prints "wall_s rss_kb"
time_cmd() {
  local log="$1"; shift
  local t0 t1
  t0=$(now_ns)
  /usr/bin/time -f "%M" -o "$work/rss" "$@" >"$log" 2>&1
  t1=$(now_ns)
  echo "$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }') $(tail -n 1 "$work/rss")"
}

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) m = v[(NR + 1) / 2]; else m = (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.6f\n", m }'; }
div() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.6f", a / b }'; }

# peer W KEY NAME CLASS RUN: one run of a peer program (the hand-written loop or the SSJ model)
peer() {
  local w="$1" key="$2" name="$3" class="$4" i="$5" wall rss requests events mean sim
  read -r wall rss < <(time_cmd "$work/$key.log" java -cp "$jar" "io.headroom.bench.$class")
  requests=$(awk '{ for (c = 1; c < NF; c++) if ($c == "requests") { print $(c + 1); exit } }' "$work/$key.log")
  events=$(awk '{ for (c = 1; c < NF; c++) if ($c == "events") { print $(c + 1); exit } }' "$work/$key.log")
  mean=$(awk '/mean/ { for (c = 1; c < NF; c++) if ($c == "response") { print $(c + 1) " s"; exit } }' "$work/$key.log")
  sim=$(awk '{ for (c = 1; c < NF; c++) if ($c == "wall") { print $(c + 1); exit } }' "$work/$key.log")
  [ -n "$requests" ] && [ -n "$sim" ] || { cat "$work/$key.log" >&2; exit 1; }
  printf '%-9s %-13s %3d %8.2f %12.0f %12.0f %9.0f %8.3f %12.0f  %s\n' "$w" "$name" "$i" "$wall" \
    "$(div "$requests" "$wall")" "$(div "$events" "$wall")" "$(div "$rss" "1024")" "$sim" "$(div "$requests" "$sim")" "$mean"
  echo "$requests $events $wall $rss $sim" >>"$work/$w-$key"
}

declare -A result
printf '%-9s %-13s %3s %8s %12s %12s %9s %8s %12s  %s\n' workload engine run wall_s requests/s events/s rss_MB sim_s "sim req/s" "mean response"
for w in mm4 tandem; do
  case "$w" in
    mm4) hw=HandWrittenMM4; ssj=SsjMM4 ;;
    tandem) hw=HandWrittenTandem; ssj=SsjTandem ;;
  esac
  for i in $(seq 1 "$runs"); do
    # Headroom, exactly as a user runs it
    out="$work/out-$w-$i"
    read -r wall rss < <(time_cmd "$work/headroom.log" "$root/headroom" run "$here/workloads/$w.yaml" \
      --load "$here/workloads/$w-2.2M.yaml" --out "$out" --timings)
    if grep -q 'building the command line\|preparing the class-data archive' "$work/headroom.log"; then
      echo "run.sh: ./headroom rebuilt itself during a timed run (sources changed meanwhile?); aborting" >&2
      exit 1
    fi
    [ -f "$out/summary.json" ] || { cat "$work/headroom.log" >&2; exit 1; }
    events=$(grep -m1 '"events"' "$out/summary.json" | tr -dc '0-9')
    # all arrivals, warm-up included (summary.json counts only the measured ones)
    requests=$(awk -F, 'NR == 1 { for (c = 1; c <= NF; c++) if ($c == "arrivals") col = c; next } { n += $col } END { print n }' "$out/timeseries.csv")
    mean=$(awk '/latency ms mean/ { print $4 / 1000 " s"; exit }' "$work/headroom.log")
    sim=$(awk '$1 == "simulating" { print $2; exit }' "$work/headroom.log")
    printf '%-9s %-13s %3d %8.2f %12.0f %12.0f %9.0f %8.3f %12.0f  %s\n' "$w" headroom "$i" "$wall" \
      "$(div "$requests" "$wall")" "$(div "$events" "$wall")" "$(div "$rss" "1024")" "$sim" "$(div "$requests" "$sim")" "$mean"
    echo "$requests $events $wall $rss $sim" >>"$work/$w-headroom"
    rm -rf "$out"

    # the hand-written loop, then the SSJ model: plain java, JVM defaults, each prints its own
    # requests, events, loop-only time ("wall") and mean response
    peer "$w" hw hand-written "$hw" "$i"
    peer "$w" ssj ssj "$ssj" "$i"
  done
done

echo
echo "medians of $runs runs (wall time includes JVM start-up; requests include the 10 % warm-up;"
echo "sim: the simulation alone, cold: Headroom's simulating phase, the hand-written loop only, the SSJ model only)"
printf '%-9s %-13s %8s %12s %12s %9s %8s %12s\n' workload engine wall_s requests/s events/s rss_MB sim_s "sim req/s"
for w in mm4 tandem; do
  for e in headroom hw ssj; do
    f="$work/$w-$e"
    result[$w-$e-req]=$(awk '{ printf "%.6f\n", $1 / $3 }' "$f" | median)
    result[$w-$e-ev]=$(awk '{ printf "%.6f\n", $2 / $3 }' "$f" | median)
    result[$w-$e-wall]=$(awk '{ print $3 }' "$f" | median)
    result[$w-$e-rss]=$(awk '{ print $4 / 1024 }' "$f" | median)
    result[$w-$e-sim]=$(awk '{ print $5 }' "$f" | median)
    result[$w-$e-simreq]=$(awk '{ printf "%.6f\n", $1 / $5 }' "$f" | median)
    case "$e" in headroom) name=headroom ;; hw) name=hand-written ;; ssj) name=ssj ;; esac
    printf '%-9s %-13s %8.2f %12.0f %12.0f %9.0f %8.3f %12.0f\n' "$w" "$name" "${result[$w-$e-wall]}" \
      "${result[$w-$e-req]}" "${result[$w-$e-ev]}" "${result[$w-$e-rss]}" "${result[$w-$e-sim]}" "${result[$w-$e-simreq]}"
  done
  # ratios of the medians: requests/s (whole process), events/s, peak RSS, sim req/s (the simulation alone)
  for e in hw ssj; do
    case "$e" in hw) name="ratio H/hw" ;; ssj) name="ratio H/ssj" ;; esac
    printf '%-9s %-13s %8s %12.3f %12.3f %9.2f %8s %12.3f\n' "$w" "$name" "" \
      "$(div "${result[$w-headroom-req]}" "${result[$w-$e-req]}")" \
      "$(div "${result[$w-headroom-ev]}" "${result[$w-$e-ev]}")" \
      "$(div "${result[$w-headroom-rss]}" "${result[$w-$e-rss]}")" "" \
      "$(div "${result[$w-headroom-simreq]}" "${result[$w-$e-simreq]}")"
  done
done
