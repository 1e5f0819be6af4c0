package io.headroom.validation.compare;

import io.headroom.design.Design;
import io.headroom.design.ServiceSpec;
import io.headroom.validation.gatling.RecordedRequest;
import io.headroom.validation.testbed.ServedLog;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * What the machine added to a validation run beyond the design, measured from the run's own records. The design
 * hands a queued request to a worker the instant one is free; the testbed's worker thread must first get a CPU to
 * answer, loop and take it, and on a busy machine (other processes on the same cores) that costs milliseconds —
 * dead time no busy time records. And a stall delays a request both inside the testbed and in the load generator,
 * so its overhead is not independent of its time inside, as the simulated (resampled) overhead is.
 *
 * <p>Per request at the entry service's instances: the wait a first-come-first-served station of the instance's
 * workers would give it from the measured arrivals and busy times (the Kiefer–Wolfowitz recursion, exact), against
 * the wait it had (less the wake-up of an idle worker, which the overhead carries): the difference is the
 * {@linkplain #lateMs late time}, about zero on a quiet machine. {@link #shiftMs} is what the run's percentile
 * would have been with that late time removed and the overhead resampled, minus what was measured: the part of a
 * {@code replay-trace} error this machine explains (the simulator replays exactly that). A wrong model is not
 * explained by it: the shift comes from the measurements alone.
 */
public final class MachineDelay {
    private static final int SHUFFLES = 100;
    private final double[] responseMs;
    private final double[] overheadMs;
    private final double[] lateMs;
    private final long seed;

    private MachineDelay(double[] responseMs, double[] overheadMs, double[] lateMs, long seed) {
        this.responseMs = responseMs;
        this.overheadMs = overheadMs;
        this.lateMs = lateMs;
        this.seed = seed;
    }

    /**
     * @param requests dequantized, in the order of {@code ids}
     * @return null when the entry is not a service (or one behind a balancer) or no request matched
     */
    public static MachineDelay measure(Design design, List<RecordedRequest> requests, long[] ids, ServedLog log, double warmupS,
                                       long seed) {
        String service = ClientOverhead.serviceBehindEntry(design);
        if (service == null || !(design.components().get(service) instanceof ServiceSpec s)) {
            return null;
        }
        Map<String, List<ServedLog.Served>> byInstance = new HashMap<>();
        for (ServedLog.Served r : log.rowsOf(service)) {
            if (r.startNs() >= 0) {
                byInstance.computeIfAbsent(r.instance(), k -> new ArrayList<>()).add(r);
            }
        }
        Map<Long, Long> late = new HashMap<>();
        Map<Long, ServedLog.Served> served = new HashMap<>();
        for (List<ServedLog.Served> rows : byInstance.values()) {
            rows.sort(java.util.Comparator.comparingLong(ServedLog.Served::arrivalNs));
            long[] free = new long[s.concurrency()];
            Arrays.fill(free, Long.MIN_VALUE);
            for (ServedLog.Served r : rows) {
                int w = 0;
                for (int k = 1; k < free.length; k++) {
                    if (free[k] < free[w]) {
                        w = k;
                    }
                }
                long start = Math.max(r.arrivalNs(), free[w]);
                free[w] = start + r.busyNs();
                if (r.requestId() >= 0 && r.status() == 200) {
                    late.put(r.requestId(), (r.startNs() - r.arrivalNs() - r.wakeNs()) - (start - r.arrivalNs()));
                    served.put(r.requestId(), r);
                }
            }
        }
        int n = 0;
        double[] response = new double[requests.size()];
        double[] overhead = new double[requests.size()];
        double[] lateMs = new double[requests.size()];
        for (int i = 0; i < requests.size(); i++) {
            RecordedRequest q = requests.get(i);
            ServedLog.Served r = served.get(ids[i]);
            if (q.ok() && q.startMs() >= warmupS * 1000 && r != null) {
                response[n] = q.responseMs();
                overhead[n] = q.responseMs() - (r.residenceNs() - r.wakeNs()) / 1e6;
                lateMs[n++] = late.get(ids[i]) / 1e6;
            }
        }
        return n == 0 ? null : new MachineDelay(Arrays.copyOf(response, n), Arrays.copyOf(overhead, n), Arrays.copyOf(lateMs, n), seed);
    }

    /** The {@code q}-quantile of the late time, in milliseconds. */
    public double lateMs(double q) {
        double[] s = lateMs.clone();
        Arrays.sort(s);
        return Measurement.quantile(s, q);
    }

    /**
     * The run's {@code q}-quantile with the late time removed and the overhead resampled (the mean over
     * shuffles), minus the measured one, in milliseconds.
     */
    public double shiftMs(double q) {
        int n = responseMs.length;
        double[] model = new double[n];
        for (int i = 0; i < n; i++) {
            model[i] = responseMs[i] - overheadMs[i] - lateMs[i];
        }
        double[] sorted = responseMs.clone();
        Arrays.sort(sorted);
        double measured = Measurement.quantile(sorted, q);
        SplittableRandom rng = new SplittableRandom(seed);
        double[] o = overheadMs.clone();
        double[] sum = new double[n];
        double total = 0;
        for (int k = 0; k < SHUFFLES; k++) {
            for (int i = n - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                double t = o[i];
                o[i] = o[j];
                o[j] = t;
            }
            for (int i = 0; i < n; i++) {
                sum[i] = model[i] + o[i];
            }
            Arrays.sort(sum);
            total += Measurement.quantile(sum, q) - measured;
        }
        return total / SHUFFLES;
    }

    /** A sentence for the report. */
    public String describe() {
        return String.format(Locale.ROOT, "machine: the entry's workers took queued requests late by p50 %.3f ms, p99 %.3f ms"
                + " beyond the design (dead time a busy machine adds); with that removed and the overhead resampled, this run's"
                + " p50 / p95 / p99 move by %+.3f / %+.3f / %+.3f ms: the part of a replay-trace error the machine explains",
                lateMs(0.5), lateMs(0.99), shiftMs(0.5), shiftMs(0.95), shiftMs(0.99));
    }
}
