package io.headroom.load.k6;

import io.headroom.load.arrival.ArrivalStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * A k6 scenario as the simulator plays it: when iterations start (arrival-rate executors), or how many VUs loop
 * iterations at each instant (VU executors), with the scenario's regular end (no iteration starts after it) and its
 * hard end (iterations still running are interrupted: {@code gracefulStop}). Times are nanoseconds from the
 * scenario's start, which is {@link #startNs()} into the run. The arithmetic is grafana/k6's {@code lib/executor} at
 * commit {@code 87883075ccd5e3d3fb961a860b3d6e422bbc353b}, for one instance (no execution segments).
 */
public sealed interface K6Plan {

    /** {@code startTime}: when the scenario starts, from the run's start. */
    long startNs();

    /** When the scenario stops starting iterations, from its start. */
    long regularNs();

    /** When iterations still running are interrupted and the scenario ends, from its start. */
    long endNs();

    /** From the run's start to the scenario's end: the profile's duration. */
    default long durationNs() {
        return startNs() + endNs();
    }

    /**
     * The open executors ({@code constant-arrival-rate}, {@code ramping-arrival-rate}): iterations start at
     * {@code times} (until the regular end); an iteration that finds every VU busy is dropped. {@code preAllocatedVUs}
     * VUs are ready at the start; when an iteration is dropped and fewer than {@code maxVUs} exist, k6 initialises one
     * more VU in the background ({@code makeUnplannedVUCh}, one at a time), ready for a later iteration — the
     * simulator takes its initialisation as instant, so it serves the next iteration.
     */
    record ArrivalRate(long startNs, long regularNs, long endNs, Supplier<ArrivalStream> times, int preAllocatedVUs,
                       int maxVUs) implements K6Plan {

        /**
         * {@code constant-arrival-rate}'s ticker ({@code constant_arrival_rate.go}, {@code Run}): iteration {@code g}
         * starts at {@code g × period}, {@code g = 0, 1, …}, while that is before {@code duration}, where the period is
         * {@code time.Duration(float64(timeUnit / rate))} ({@code getTickerPeriod}: the rational's nearest double,
         * truncated to whole nanoseconds). So 30 a second start at 0, 33.333333 ms, …: 31 in the first second
         * (the 31st at 999,999,990 ns) and 901 in 30 s, the last at 29.9999997 s.
         */
        public static Supplier<ArrivalStream> constantTimes(double rate, long timeUnitNs, long durationNs) {
            long period = (long) (timeUnitNs / rate);
            return () -> new ArrivalStream() {
                private long g;

                @Override
                public long next() {
                    if (period <= 0) {
                        return END;
                    }
                    long t = period * g;
                    if (t >= durationNs || t / period != g) {
                        return END;
                    }
                    g++;
                    return t;
                }
            };
        }

        /**
         * {@code ramping-arrival-rate}'s {@code cal} ({@code ramping_arrival_rate.go}), line for line: the i-th
         * iteration ({@code i = 1, 2, …}) starts when the area under the rate curve since the start reaches i. On a
         * constant stage that is {@code (i − doneSoFar) / rate}; on a ramp from {@code from} to {@code to} over
         * {@code dur} (rates per nanosecond) it is the root of the quadratic,
         * {@code x = (from·dur − sqrt(dur·(from²·dur + 2(i − doneSoFar)(to − from)))) / (from − to)}, in float64 and
         * truncated to whole nanoseconds as Go's {@code time.Duration(x)} does. Iterations at or after the stages'
         * end are not started (the regular duration is over).
         */
        public static Supplier<ArrivalStream> rampingTimes(double startRate, List<K6Stage> stages, double scale, long timeUnitNs) {
            int n = stages.size();
            double[] targets = new double[n];
            long[] durations = new long[n];
            long total = 0;
            for (int k = 0; k < n; k++) {
                targets[k] = stages.get(k).target() * scale;
                durations[k] = stages.get(k).durationNs();
                total += durations[k];
            }
            long end = total;
            return () -> new ArrivalStream() {
                private final double timeUnit = (double) timeUnitNs;
                private int stage = -1;
                private long stageStart;
                private double doneSoFar;
                private double endCount;
                private double to;
                private double dur;
                private double from = startRate / timeUnit;
                private double i = 1; // "start .. starts at 0 but the algorithm works with area so we need to start from 1 not 0"
                private boolean done;

                @Override
                public long next() {
                    while (!done) {
                        if (stage >= 0 && i <= endCount) {
                            long t;
                            if (from != to) {
                                double x = (from * dur - noNegativeSqrt(dur * (from * from * dur + 2 * (i - doneSoFar) * (to - from))))
                                        / (from - to);
                                t = (long) x + stageStart;
                            } else {
                                t = (long) ((i - doneSoFar) / to) + stageStart;
                            }
                            i += 1;
                            if (t >= end) {
                                done = true;
                                return END;
                            }
                            return t;
                        }
                        if (stage >= 0) { // the stage is over
                            doneSoFar = endCount;
                            from = to;
                            stageStart += durations[stage];
                        }
                        stage++;
                        if (stage == n) {
                            done = true;
                            break;
                        }
                        to = targets[stage] / timeUnit;
                        dur = (double) durations[stage];
                        if (from != to) {
                            endCount += dur * ((to - from) / 2 + from);
                        } else {
                            endCount += dur * to;
                        }
                    }
                    return END;
                }
            };
        }

        private static double noNegativeSqrt(double f) {
            return Math.copySign(1.0, f) > 0 ? Math.sqrt(f) : 0;
        }
    }

    /** One change of a VU count: from {@code atNs} on, {@code vus}. */
    record Step(long atNs, int vus) {
    }

    /**
     * The closed VU executors ({@code constant-vus}, {@code ramping-vus}) as k6's execution steps: {@code raw} is the
     * number of VUs scheduled to loop iterations (VU handles {@code 0..n-1} are started; when the count falls, the
     * highest handles are stopped gracefully: each finishes its iteration and starts no other); {@code graceful} is
     * the number of VUs allowed at all (when it falls, the highest handles are hard-stopped: a running iteration is
     * interrupted). k6 plays both lists in time order, a raw step first when they coincide
     * ({@code rampingVUsRunState.iterateSteps}).
     */
    record Vus(long startNs, List<Step> raw, List<Step> graceful) implements K6Plan {
        public Vus {
            raw = List.copyOf(raw);
            graceful = List.copyOf(graceful);
        }

        /** The raw steps' end ({@code lib.GetEndOffset}): the regular duration. */
        public long regularNs() {
            return raw.get(raw.size() - 1).atNs();
        }

        /** The graceful steps' end: when the last VUs are interrupted. */
        public long endNs() {
            return graceful.get(graceful.size() - 1).atNs();
        }

        /** The most VUs at any time ({@code lib.GetMaxPlannedVUs} of the graceful steps). */
        public int maxVUs() {
            int m = 0;
            for (Step s : graceful) {
                m = Math.max(m, s.vus());
            }
            return m;
        }

        /** The VUs scheduled (raw) at {@code t} from the scenario's start. */
        public int vusAt(long t) {
            int v = 0;
            for (Step s : raw) {
                if (s.atNs() > t) {
                    break;
                }
                v = s.vus();
            }
            return v;
        }

        /** {@code ramping-vus}: {@code getRawExecutionSteps(et, true)} and {@code GetExecutionRequirements(et)}. */
        public static Vus ramping(long startNs, int startVUs, List<K6Stage> stages, long gracefulRampDownNs, long gracefulStopNs) {
            List<Step> raw = rawSteps(startVUs, stages, true);
            long total = 0;
            for (K6Stage s : stages) {
                total += s.durationNs();
            }
            long executorEnd = total + gracefulStopNs;
            List<Step> graceful = rawSteps(startVUs, stages, false);
            if (gracefulRampDownNs > 0) {
                graceful = reserveForGracefulRampDowns(graceful, gracefulRampDownNs, executorEnd);
            }
            if (graceful.get(graceful.size() - 1).vus() != 0) {
                graceful = new ArrayList<>(graceful);
                graceful.add(new Step(executorEnd, 0));
            }
            return new Vus(startNs, raw, graceful);
        }

        /**
         * {@code getRawExecutionSteps} without execution segments: a ramp up reaches {@code v} VUs at
         * {@code end − dur·(target − v)/diff}; a ramp down drops from {@code v} to {@code v − 1} at
         * {@code end − dur·(target − v + 1)/diff} (integer nanoseconds, Go's truncating division), "because we want to
         * not stop VUs immediately we stop it on the next unscaled VU's time"; a stage of no duration jumps.
         */
        static List<Step> rawSteps(int startVUs, List<K6Stage> stages, boolean zeroEnd) {
            List<Step> steps = new ArrayList<>();
            long timeTillEnd = 0;
            long fromVUs = startVUs;
            long unscaled = fromVUs; // index.GoTo(fromVUs)
            steps.add(new Step(0, (int) unscaled));
            for (K6Stage stage : stages) {
                long stageEndVUs = stage.target();
                long stageDuration = stage.durationNs();
                timeTillEnd += stageDuration;
                long diff = stageEndVUs - fromVUs;
                if (diff == 0) {
                    continue;
                }
                if (stageDuration == 0) {
                    unscaled = stageEndVUs;
                    add(steps, timeTillEnd, unscaled);
                    fromVUs = stageEndVUs;
                    continue;
                }
                if (unscaled > stageEndVUs) { // ramp down
                    for (; unscaled > stageEndVUs; unscaled--) {
                        add(steps, timeTillEnd - mulDiv(stageDuration, stageEndVUs - unscaled + 1, diff), unscaled - 1);
                    }
                } else {
                    for (; unscaled <= stageEndVUs; unscaled++) {
                        add(steps, timeTillEnd - mulDiv(stageDuration, stageEndVUs - unscaled, diff), unscaled);
                    }
                }
                fromVUs = stageEndVUs;
            }
            if (zeroEnd && steps.get(steps.size() - 1).vus() != 0) {
                steps.add(new Step(timeTillEnd, 0));
            }
            return steps;
        }

        private static void add(List<Step> steps, long at, long vus) {
            if (steps.get(steps.size() - 1).vus() != vus) {
                steps.add(new Step(at, (int) vus));
            }
        }

        /** Go's {@code time.Duration(int64(d) * a / b)}, without overflow for long stages. */
        private static long mulDiv(long d, long a, long b) {
            try {
                return Math.multiplyExact(d, a) / b;
            } catch (ArithmeticException e) {
                return java.math.BigInteger.valueOf(d).multiply(java.math.BigInteger.valueOf(a))
                        .divide(java.math.BigInteger.valueOf(b)).longValueExact();
            }
        }

        /**
         * {@code reserveVUsForGracefulRampDowns}, line for line: where the VU count falls, the VUs allowed stay up for
         * {@code gracefulRampDown} (unless the count comes back up within it), so VUs stopped gracefully may finish.
         */
        static List<Step> reserveForGracefulRampDowns(List<Step> rawSteps, long gracefulRampDown, long executorEndOffset) {
            int rawStepsLen = rawSteps.size();
            List<Step> newSteps = new ArrayList<>();
            int lastPlannedVUs = 0;
            int lastDownwardSlopeStepNum = 0;
            for (int rawStepNum = 0; rawStepNum < rawStepsLen; rawStepNum++) {
                Step rawStep = rawSteps.get(rawStepNum);
                if (rawStepNum == 0 || rawStep.vus() > lastPlannedVUs) {
                    newSteps.add(rawStep);
                    lastPlannedVUs = rawStep.vus();
                    continue;
                }
                if (rawStep.vus() == lastPlannedVUs) {
                    continue;
                }
                boolean skippedToNewRawStep = false;
                long timeOffsetWithTimeout = rawStep.atNs() + gracefulRampDown;
                int advStepStart = Math.max(lastDownwardSlopeStepNum, rawStepNum + 1);
                boolean wasRampingDown = true;
                for (int advStepNum = advStepStart; advStepNum < rawStepsLen; advStepNum++) {
                    Step advStep = rawSteps.get(advStepNum);
                    if (advStep.atNs() > timeOffsetWithTimeout) {
                        break;
                    }
                    if (advStep.vus() >= lastPlannedVUs) {
                        rawStepNum = advStepNum - 1;
                        skippedToNewRawStep = true;
                        break;
                    }
                    if (wasRampingDown) {
                        if (rawSteps.get(advStepNum - 1).vus() > advStep.vus()) {
                            lastDownwardSlopeStepNum = advStepNum;
                        } else {
                            wasRampingDown = false;
                        }
                    }
                }
                if (skippedToNewRawStep) {
                    continue;
                }
                if (timeOffsetWithTimeout >= executorEndOffset) {
                    break;
                }
                newSteps.add(new Step(timeOffsetWithTimeout, rawStep.vus()));
                lastPlannedVUs = rawStep.vus();
            }
            return newSteps;
        }
    }

    /**
     * {@code per-vu-iterations} (each of {@code vus} VUs runs {@code iterations} iterations) and
     * {@code shared-iterations} ({@code vus} VUs take the {@code iterations} from a shared counter), until
     * {@code maxDuration} (the regular end; iterations not started by then are dropped, as k6 counts them in
     * {@code dropped_iterations}), then {@code gracefulStop} for those still running.
     */
    record Iterations(long startNs, long regularNs, long endNs, int vus, long iterations, boolean shared) implements K6Plan {
    }
}
