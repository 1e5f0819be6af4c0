#!/usr/bin/env bash
# The long validation scenarios of docs/validation.md ("Measured accuracy"), back to back: each one a
# `headroom validate` in real time (about 50 minutes for all). Run it on a quiet machine; outputs go to
# OUT/NAME (validation.md, .html, .json, charts, Gatling's report) and OUT/NAME.txt (the console).
#
#   validation/run-scenarios.sh [OUT] [SCENARIO...]
#   scenarios: rho-0.3 rho-0.5 rho-0.8 rho-0.9 ramp round-robin random least-outstanding power-of-two cached
#              balanced-ramp sharded resilient
#              cpu-rho-0.6 cpu-ramp (CPU demand computed for real: they need the machine's processors to
#              themselves, no other CPU-bound process beside them; cpu-ramp computes on 2 cores, which on a
#              2-processor machine takes -Dheadroom.testbed.cpus=2, set here, so Gatling competes with it)
#              rho-0.8-repeats (15 runs of rho-0.8 pooled: about an hour; not in the default list)
set -u
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$(mkdir -p "${1:-out/validation}" && cd "${1:-out/validation}" && pwd)"
shift || true
cd "$root"
ex=examples/validation
v() { # NAME DESIGN PROFILE
  echo "=== $1 $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/log.txt"
  ./headroom validate "$2" --load "$3" --out "$out/$1" >"$out/$1.txt" 2>&1
  echo "    exit $? $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/log.txt"
}
for w in ${@:-rho-0.9 rho-0.8 ramp round-robin random least-outstanding power-of-two cached balanced-ramp sharded resilient rho-0.5 rho-0.3 cpu-rho-0.6 cpu-ramp}; do
  case $w in
    rho-0.8-repeats)
      echo "=== $w $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/log.txt"
      ./headroom validate $ex/one-service.yaml --load $ex/rho-0.8.yaml --repeats 15 --out "$out/$w" >"$out/$w.txt" 2>&1
      echo "    exit $? $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/log.txt" ;;
    rho-*) v "one-service-$w" $ex/one-service.yaml $ex/$w.yaml ;;
    ramp) v autoscaling-ramp $ex/autoscaling.yaml $ex/autoscaling-ramp.yaml ;;
    cached) v cached $ex/cached.yaml $ex/cached-load.yaml ;;
    balanced-ramp) v balanced-autoscaled-ramp $ex/balanced-autoscaled.yaml $ex/autoscaling-ramp.yaml ;;
    sharded) v sharded $ex/sharded.yaml $ex/sharded-load.yaml ;;
    resilient) v resilient $ex/resilient.yaml $ex/resilient-load.yaml ;;
    cpu-rho-0.6) v cpu-bound-rho-0.6 $ex/cpu-bound.yaml $ex/cpu-rho-0.6.yaml ;;
    cpu-ramp)
      if [ "$(nproc)" -le 2 ]; then
        HEADROOM_JAVA_OPTS="${HEADROOM_JAVA_OPTS:-} -Dheadroom.testbed.cpus=2" v cpu-ramp $ex/cpu-autoscaling.yaml $ex/cpu-ramp.yaml
      else
        v cpu-ramp $ex/cpu-autoscaling.yaml $ex/cpu-ramp.yaml
      fi ;;
    round-robin | random | least-outstanding | power-of-two)
      sed "s/strategy: least-outstanding/strategy: $w/" $ex/balanced.yaml >"$out/balanced-$w.yaml"
      v "bal-$w" "$out/balanced-$w.yaml" $ex/balanced-rho-0.7.yaml ;;
    *) echo "unknown scenario $w" >&2; exit 2 ;;
  esac
done
