package io.headroom.bench;

import java.util.ArrayDeque;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * The baseline of benchmarks/run.sh: the open tandem of issue 8 as a plain event loop — a
 * {@link PriorityQueue} of small event objects, {@link SplittableRandom} exponentials, no
 * framework. Poisson arrivals at λ = 2/s → a first station (1 worker, exponential mean 0.4 s) →
 * an app tier (3 workers, exponential mean 1.25 s) → with probability 0.3 a database (1 worker,
 * exponential mean 1.333 s). Each station frees its worker when it hands the request on (a
 * Jackson network). 2.2 million requests, the first 10 % left out of the mean as warm-up.
 *
 * <p>Arguments (optional): number of requests, seed. Prints one line: requests/s, events/s and
 * the mean end-to-end response time, next to the Jackson-network value.
 */
public final class HandWrittenTandem {
    static final double LAMBDA = 2.0;
    static final int[] WORKERS = {1, 3, 1};
    static final double[] MEAN = {0.4, 1.25, 1.333};
    static final double P_DB = 0.3;

    private static final int ARRIVAL = -1;   // otherwise: the station whose service completes

    static final class Request {
        final long id;
        final double arrivedAt;

        Request(long id, double arrivedAt) {
            this.id = id;
            this.arrivedAt = arrivedAt;
        }
    }

    static final class Event implements Comparable<Event> {
        final double time;
        final long seq;
        final int kind;
        final Request request;

        Event(double time, long seq, int kind, Request request) {
            this.time = time;
            this.seq = seq;
            this.kind = kind;
            this.request = request;
        }

        @Override
        public int compareTo(Event o) {
            int c = Double.compare(time, o.time);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    private final SplittableRandom rng;
    private final PriorityQueue<Event> events = new PriorityQueue<>();
    @SuppressWarnings("unchecked")
    private final ArrayDeque<Request>[] queues = new ArrayDeque[] {new ArrayDeque<>(), new ArrayDeque<>(), new ArrayDeque<>()};
    private final int[] busy = new int[3];
    private long seq;

    private HandWrittenTandem(long seed) {
        rng = new SplittableRandom(seed);
    }

    public static void main(String[] args) {
        long n = args.length > 0 ? Long.parseLong(args[0]) : 2_200_000L;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 1L;
        long start = System.nanoTime();
        long[] fired = new long[1];
        double[] mean = new double[2];
        new HandWrittenTandem(seed).run(n, fired, mean);
        double wall = (System.nanoTime() - start) / 1e9;
        System.out.printf("hand-written tandem: requests %d  events %d  wall %.3f s (loop only)  requests/s %.0f  events/s %.0f%n",
                n, fired[0], wall, n / wall, fired[0] / wall);
        System.out.printf("  mean end-to-end response %.4f s over %d requests (Jackson network: %.4f s)%n",
                mean[0], (long) mean[1], theory());
    }

    /** The whole loop, as {@code HandWrittenBenchmark} times it: n requests; returns the mean response (s). */
    static double simulate(long n, long seed) {
        double[] mean = new double[2];
        new HandWrittenTandem(seed).run(n, new long[1], mean);
        return mean[0];
    }

    private void run(long n, long[] firedOut, double[] meanOut) {
        long warmup = n / 10;
        long fired = 0;
        long arrived = 0;
        double sum = 0;
        long measured = 0;

        events.add(new Event(exp(1 / LAMBDA), seq++, ARRIVAL, null));
        while (!events.isEmpty()) {
            Event e = events.poll();
            fired++;
            double now = e.time;
            if (e.kind == ARRIVAL) {
                Request r = new Request(arrived++, now);
                if (arrived < n) {
                    events.add(new Event(now + exp(1 / LAMBDA), seq++, ARRIVAL, null));
                }
                enter(0, r, now);
                continue;
            }
            int station = e.kind;
            Request r = e.request;
            Request next = queues[station].pollFirst();
            if (next == null) {
                busy[station]--;
            } else {
                events.add(new Event(now + exp(MEAN[station]), seq++, station, next));
            }
            if (station == 0 || (station == 1 && rng.nextDouble() < P_DB)) {
                enter(station + 1, r, now);
            } else {
                if (r.id >= warmup) {
                    sum += now - r.arrivedAt;
                    measured++;
                }
            }
        }

        firedOut[0] = fired;
        meanOut[0] = sum / measured;
        meanOut[1] = measured;
    }

    private void enter(int station, Request r, double now) {
        if (busy[station] < WORKERS[station]) {
            busy[station]++;
            events.add(new Event(now + exp(MEAN[station]), seq++, station, r));
        } else {
            queues[station].addLast(r);
        }
    }

    private double exp(double mean) {
        return -mean * Math.log(1.0 - rng.nextDouble());
    }

    /** Sum over stations of visits × M/M/c sojourn time. */
    static double theory() {
        double[] visits = {1, 1, P_DB};
        double w = 0;
        for (int i = 0; i < 3; i++) {
            double lambda = LAMBDA * visits[i];
            double a = lambda * MEAN[i];
            int c = WORKERS[i];
            w += visits[i] * (MEAN[i] + HandWrittenMM4.erlangC(a, c) / (c / MEAN[i] - lambda));
        }
        return w;
    }
}
