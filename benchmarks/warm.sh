#!/usr/bin/env bash
# The warm engines of issue 25 in JMH, forks taken in turn: fork 1 of every engine on every workload, then fork 2,
# and so on, so that this VM's drift (its speed moves by 10-30 % from hour to hour and within a quarter hour, and a
# run's speed depends on the state its JVM lands in: benchmarks/README.md) falls on every engine alike, then the table of
# io.headroom.bench.ForkRatios: each engine's median, and Headroom's speed against the hand-written loops and SSJ
# as the median of the fork pairs' ratios with a distribution-free interval (95 % or more from 6 forks on). Engines: Headroom as it runs by
# default (`headroom`: drawing ahead on a free core), Headroom on one thread (`alone`: -Dheadroom.drawAhead=alone),
# the hand-written loops and the SSJ models. Every fork runs 3 warm-up and 5 measured runs, with a collection before
# each run and huge pages where Linux gives them, as benchmarks/README.md's sittings.
#
#   benchmarks/warm.sh [FORKS [FOLDER]]   (default 8 forks, about 13 minutes on 2 cores; the JMH files kept in FOLDER,
#                                          which must hold no results of an earlier sitting)
#   BENCH_MVN_ARGS=-o benchmarks/warm.sh  builds offline (extra arguments to the one Maven build)
#   BENCH_WORKLOADS="mm4 tandem"          the workloads (any of WholeRunBenchmark's that the peers also have)
#   BENCH_BASELINE=JAR                    adds `baseline`: WholeRunBenchmark from JAR, the benchmarks jar of another
#                                         commit (git worktree add, mvn -DskipTests package -pl benchmarks -am), so
#                                         a change meant to be no slower is checked against the code before it;
#                                         `baselinealone`, named in BENCH_ENGINES, is the same on one thread
#   BENCH_ENGINES="headroom baseline"     the engines (default: headroom handwritten alone ssj, and baseline if set)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
forks="${1:-8}"
folder="${2:-}"
[[ "$forks" =~ ^[1-9][0-9]*$ ]] || { echo "warm.sh: FORKS must be a positive number, not '$forks'" >&2; exit 2; }
jar="$root/benchmarks/target/benchmarks.jar"
if [ -z "$folder" ]; then
  folder="$(mktemp -d)"
  trap 'rm -rf "$folder"' EXIT
else
  mkdir -p "$folder"
  folder="$(cd "$folder" && pwd)" # the forks run from the repository root
  if compgen -G "$folder/*.json" >/dev/null; then
    echo "warm.sh: $folder already holds JMH results; give an empty folder (the table would mix sittings)" >&2
    exit 2
  fi
fi

echo "building once (mvn ${BENCH_MVN_ARGS:-} -DskipTests package)..." >&2
(cd "$root" && mvn -B -q -Dstyle.color=never ${BENCH_MVN_ARGS:-} -DskipTests package -pl benchmarks -am 2>&1 \
  | sed 's/\x1b\[0m//g' >&2)

baseline="${BENCH_BASELINE:-}"
if [ -n "$baseline" ]; then
  [ -f "$baseline" ] || { echo "warm.sh: BENCH_BASELINE: no jar at '$baseline'" >&2; exit 2; }
  baseline="$(cd "$(dirname "$baseline")" && pwd)/$(basename "$baseline")"
fi
read -r -a engines <<<"${BENCH_ENGINES:-headroom handwritten alone ssj${baseline:+ baseline}}"
for e in "${engines[@]}"; do
  case "$e" in
    headroom|alone|handwritten|ssj) ;;
    baseline|baselinealone) [ -n "$baseline" ] || { echo "warm.sh: engine $e needs BENCH_BASELINE=JAR" >&2; exit 2; } ;;
    *) echo "warm.sh: no engine '$e' (headroom, alone, handwritten, ssj, baseline, baselinealone)" >&2; exit 2 ;;
  esac
done
[ "${#engines[@]}" -gt 0 ] || { echo "warm.sh: BENCH_ENGINES names no engine" >&2; exit 2; }

jvm=(-XX:+UseParallelGC)
huge=""
thp=/sys/kernel/mm/transparent_hugepage/enabled
if [ -r "$thp" ] && grep -qE '\[(always|madvise)\]' "$thp" 2>/dev/null; then huge="-XX:+UseTransparentHugePages"; fi

# fork ENGINE WORKLOAD N: one JMH fork of one engine, its result in FOLDER/ENGINE-WORKLOAD-N.json
fork() {
  local engine="$1" w="$2" n="$3" bench extra=""
  case "$engine" in
    headroom) bench=WholeRunBenchmark ;;
    alone) bench=WholeRunBenchmark; extra="-Dheadroom.drawAhead=alone" ;;
    handwritten) bench=HandWrittenBenchmark ;;
    ssj) bench=SsjBenchmark ;;
    baseline) bench=WholeRunBenchmark ;;
    baselinealone) bench=WholeRunBenchmark; extra="-Dheadroom.drawAhead=alone" ;;
  esac
  local from="$jar"
  case "$engine" in baseline*) from="$baseline" ;; esac
  local file="$folder/$engine-$w-$n.json"
  # -foe: a failing fork fails JMH (whose exit status is otherwise 0), and the sitting stops here with its log
  if ! (cd "$root" && java "${jvm[@]}" -jar "$from" "$bench.run" -p workload="$w" -f 1 -wi 3 -i 5 -gc true -foe true \
      -jvmArgsAppend "${jvm[*]} $huge $extra" -rf json -rff "$file" >"$folder/$engine-$w-$n.log" 2>&1) || [ ! -s "$file" ]; then
    cat "$folder/$engine-$w-$n.log" >&2
    echo "warm.sh: $engine on $w, fork $n, failed (its log above)" >&2
    exit 1
  fi
  printf '%s %-14s %-7s fork %d\n' "$(date -u +%H:%M:%S)" "$engine" "$w" "$n" >&2
}

for n in $(seq 1 "$forks"); do
  for w in ${BENCH_WORKLOADS:-mm4 tandem}; do
    # the order within a round turns with the round, so that no engine always comes first
    k=$(( (n - 1) % ${#engines[@]} ))
    for e in "${engines[@]:$k}" "${engines[@]:0:$k}"; do
      fork "$e" "$w" "$n"
    done
  done
done

echo
echo "warm, $forks forks of each engine taken in turn (JMH: 3 warm-up and 5 measured runs a fork, -gc true${huge:+, huge pages}):"
java -cp "$jar" io.headroom.bench.ForkRatios "$folder"
