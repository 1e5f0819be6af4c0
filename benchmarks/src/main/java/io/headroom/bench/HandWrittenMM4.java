package io.headroom.bench;

import java.util.ArrayDeque;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * The baseline of benchmarks/run.sh: the M/M/4 workload of issue 8 as a plain event loop —
 * a {@link PriorityQueue} of small event objects, {@link SplittableRandom} exponentials, no
 * framework. Poisson arrivals at λ = 3.2/s, exponential service with mean 1 s, 4 workers, one
 * FIFO queue; 2.2 million requests, the first 10 % left out of the mean as warm-up.
 *
 * <p>Arguments (optional): number of requests, seed. Prints one line: requests/s, events/s and
 * the mean response time, next to Erlang C's.
 */
public final class HandWrittenMM4 {
    static final double LAMBDA = 3.2;
    static final double MEAN_SERVICE = 1.0;
    static final int WORKERS = 4;

    private static final int ARRIVAL = 0;
    private static final int DEPARTURE = 1;

    /** One pending event: time, a tie-breaking sequence number, its kind and the request's arrival time. */
    static final class Event implements Comparable<Event> {
        final double time;
        final long seq;
        final int kind;
        final long request;
        final double arrivedAt;

        Event(double time, long seq, int kind, long request, double arrivedAt) {
            this.time = time;
            this.seq = seq;
            this.kind = kind;
            this.request = request;
            this.arrivedAt = arrivedAt;
        }

        @Override
        public int compareTo(Event o) {
            int c = Double.compare(time, o.time);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    /** A waiting request. */
    record Waiting(long request, double arrivedAt) { }

    public static void main(String[] args) {
        long n = args.length > 0 ? Long.parseLong(args[0]) : 2_200_000L;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 1L;
        long start = System.nanoTime();
        long[] fired = new long[1];
        double[] mean = new double[2];
        run(n, seed, fired, mean);
        double wall = (System.nanoTime() - start) / 1e9;
        double a = LAMBDA * MEAN_SERVICE;
        double theory = MEAN_SERVICE + erlangC(a, WORKERS) / (WORKERS / MEAN_SERVICE - LAMBDA);
        System.out.printf("hand-written M/M/4: requests %d  events %d  wall %.3f s (loop only)  requests/s %.0f  events/s %.0f%n",
                n, fired[0], wall, n / wall, fired[0] / wall);
        System.out.printf("  mean response %.4f s over %d requests (Erlang C: %.4f s)%n", mean[0], (long) mean[1], theory);
    }

    /** The whole loop, as {@code HandWrittenBenchmark} times it: n requests; returns the mean response (s). */
    static double simulate(long n, long seed) {
        double[] mean = new double[2];
        run(n, seed, new long[1], mean);
        return mean[0];
    }

    private static void run(long n, long seed, long[] firedOut, double[] meanOut) {
        SplittableRandom rng = new SplittableRandom(seed);
        PriorityQueue<Event> events = new PriorityQueue<>();
        ArrayDeque<Waiting> queue = new ArrayDeque<>();
        long warmup = n / 10;
        long seq = 0;
        long fired = 0;
        int busy = 0;
        long arrived = 0;
        double sum = 0;
        long measured = 0;

        events.add(new Event(exp(rng, 1 / LAMBDA), seq++, ARRIVAL, arrived++, 0));
        while (!events.isEmpty()) {
            Event e = events.poll();
            fired++;
            double now = e.time;
            if (e.kind == ARRIVAL) {
                if (arrived < n) {
                    events.add(new Event(now + exp(rng, 1 / LAMBDA), seq++, ARRIVAL, arrived++, 0));
                }
                if (busy < WORKERS) {
                    busy++;
                    events.add(new Event(now + exp(rng, MEAN_SERVICE), seq++, DEPARTURE, e.request, now));
                } else {
                    queue.addLast(new Waiting(e.request, now));
                }
            } else {
                if (e.request >= warmup) {
                    sum += now - e.arrivedAt;
                    measured++;
                }
                Waiting w = queue.pollFirst();
                if (w == null) {
                    busy--;
                } else {
                    events.add(new Event(now + exp(rng, MEAN_SERVICE), seq++, DEPARTURE, w.request(), w.arrivedAt()));
                }
            }
        }

        firedOut[0] = fired;
        meanOut[0] = sum / measured;
        meanOut[1] = measured;
    }

    static double exp(SplittableRandom rng, double mean) {
        return -mean * Math.log(1.0 - rng.nextDouble());
    }

    /** Probability of waiting in M/M/c with offered load a (Erlang). */
    static double erlangC(double a, int c) {
        double b = 1;
        for (int k = 1; k <= c; k++) {
            b = a * b / (k + a * b);   // Erlang B by recursion
        }
        double rho = a / c;
        return b / (1 - rho + rho * b);
    }
}
