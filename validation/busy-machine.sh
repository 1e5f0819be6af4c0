#!/usr/bin/env bash
# The validation tests on a busy machine (issue 17): ValidationAccuracyTest and OfflineValidateTest, N times
# (default 5), each with two CPU-bound processes beside them (`sh -c 'while :; do :; done'`, one per core of a
# 2-core machine), started before the test and stopped after it. Prints each run's verdict, its `machine:` lines
# (what the machine added, measured by the run itself) and the load average; exits 1 if any run failed.
#
#   validation/busy-machine.sh [RUNS] [OUT]
set -u
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs=${1:-5}
out="$(mkdir -p "${2:-out/busy-machine}" && cd "${2:-out/busy-machine}" && pwd)"
cd "$root"
mvn -B -q -o -pl cli -am -DskipTests test-compile >"$out/compile.txt" 2>&1 || { echo "compile failed: $out/compile.txt"; exit 2; }
failed=0
for k in $(seq 1 "$runs"); do
  hogs=()
  for _ in 1 2; do sh -c 'while :; do :; done' & hogs+=($!); done
  start=$(date -u +%H:%M:%S)
  mvn -B -o -pl cli -am -Dsurefire.failIfNoSpecifiedTests=false \
      -Dtest='ValidationAccuracyTest,OfflineValidateTest' test >"$out/run-$k.txt" 2>&1
  status=$?
  load=$(cut -d' ' -f1-3 /proc/loadavg)
  kill "${hogs[@]}" 2>/dev/null; wait "${hogs[@]}" 2>/dev/null
  [ $status -eq 0 ] && verdict=pass || { verdict=FAIL; failed=1; }
  echo "run $k ($start, load $load): $verdict"
  grep -E '^machine:' "$out/run-$k.txt" | sed 's/^/    /'
  grep -E 'further than|outside its target|passed at' "$out/run-$k.txt" | sed 's/^/    /'
done
exit $failed
