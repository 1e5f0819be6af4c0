package io.headroom.bench;

import java.util.ArrayDeque;
import umontreal.ssj.randvar.ExponentialGen;
import umontreal.ssj.randvar.RandomVariateGen;
import umontreal.ssj.rng.MRG32k3a;
import umontreal.ssj.rng.RandomStream;
import umontreal.ssj.simevents.Accumulate;
import umontreal.ssj.simevents.Event;
import umontreal.ssj.simevents.Sim;
import umontreal.ssj.stat.Tally;

/**
 * The M/M/4 workload of benchmarks/run.sh written for SSJ, the simulation library of the Université de
 * Montréal, as its own tutorial writes a queue ({@code QueueEv}, {@code BankEv}): an {@link Event} subclass per
 * kind of event, scheduled on SSJ's default event list (a splay tree) through {@link Sim}; arrival and service
 * times from {@link ExponentialGen} on their own {@link MRG32k3a} streams; the responses in a {@link Tally}, the
 * queue length in an {@link Accumulate}. Poisson arrivals at λ = 3.2/s, exponential service with mean 1 s, 4
 * servers, one FIFO queue; 2.2 million customers, the first 10 % left out of the statistics as warm-up, the
 * event list drained at the end — the same run as {@link HandWrittenMM4}.
 *
 * <p>Arguments (optional): number of customers, seed (seed s takes substream s − 1 of each stream, SSJ's way
 * of independent replications). Prints the customers, events, loop-only time and rates, and the mean response
 * next to Erlang C's.
 */
public final class SsjMM4 {
    /** MRG32k3a's default package seed: every run starts its streams from here, whatever ran before in the JVM. */
    static final long[] PACKAGE_SEED = {12345, 12345, 12345, 12345, 12345, 12345};

    private final long customers;
    private final long warmup;
    private final RandomVariateGen genArr;
    private final RandomVariateGen genServ;
    private final ArrayDeque<Customer> waitList = new ArrayDeque<>();
    private int nbBusy;
    private long nbArrived;
    private long nbEvents;
    final Tally responses = new Tally("Response times (s)");
    final Accumulate queueSize = new Accumulate("Size of queue");

    static final class Customer {
        final long index;
        final double arrivTime;
        final double servTime;

        Customer(long index, double arrivTime, double servTime) {
            this.index = index;
            this.arrivTime = arrivTime;
            this.servTime = servTime;
        }
    }

    SsjMM4(long customers, long seed) {
        this.customers = customers;
        this.warmup = customers / 10;
        MRG32k3a.setPackageSeed(PACKAGE_SEED);
        RandomStream streamArr = substream(new MRG32k3a(), seed);
        RandomStream streamServ = substream(new MRG32k3a(), seed);
        genArr = new ExponentialGen(streamArr, HandWrittenMM4.LAMBDA);
        genServ = new ExponentialGen(streamServ, 1 / HandWrittenMM4.MEAN_SERVICE);
    }

    /** Moves a fresh stream to substream seed − 1. */
    static RandomStream substream(RandomStream stream, long seed) {
        if (seed < 1) {
            throw new IllegalArgumentException("seed must be at least 1: " + seed);
        }
        for (long s = 1; s < seed; s++) {
            stream.resetNextSubstream();
        }
        return stream;
    }

    void simulate() {
        Sim.init();
        responses.init();
        queueSize.init();
        new Arrival().schedule(genArr.nextDouble());
        Sim.start();   // returns when the event list is empty: the last customer has left
    }

    final class Arrival extends Event {
        @Override
        public void actions() {
            nbEvents++;
            long index = nbArrived++;
            if (nbArrived < customers) {
                new Arrival().schedule(genArr.nextDouble());   // next arrival
            }
            if (index == warmup) {
                queueSize.init(waitList.size());   // the warm-up ends
            }
            Customer cust = new Customer(index, Sim.time(), genServ.nextDouble());
            if (nbBusy < HandWrittenMM4.WORKERS) {   // starts service
                nbBusy++;
                new Departure(cust).schedule(cust.servTime);
            } else {   // must join the queue
                waitList.addLast(cust);
                queueSize.update(waitList.size());
            }
        }
    }

    final class Departure extends Event {
        private final Customer cust;

        Departure(Customer cust) {
            this.cust = cust;
        }

        @Override
        public void actions() {
            nbEvents++;
            if (cust.index >= warmup) {
                responses.add(Sim.time() - cust.arrivTime);
            }
            Customer next = waitList.pollFirst();
            if (next == null) {
                nbBusy--;
            } else {   // starts service for the next one in the queue
                queueSize.update(waitList.size());
                new Departure(next).schedule(next.servTime);
            }
        }
    }

    long events() {
        return nbEvents;
    }

    /** One whole run, as {@code SsjBenchmark} times it: n customers; returns the mean response (s). */
    static double simulate(long n, long seed) {
        SsjMM4 model = new SsjMM4(n, seed);
        model.simulate();
        return model.responses.average();
    }

    /** Mean response of M/M/4 at these parameters (Erlang C). */
    static double theory() {
        double a = HandWrittenMM4.LAMBDA * HandWrittenMM4.MEAN_SERVICE;
        return HandWrittenMM4.MEAN_SERVICE + HandWrittenMM4.erlangC(a, HandWrittenMM4.WORKERS)
                / (HandWrittenMM4.WORKERS / HandWrittenMM4.MEAN_SERVICE - HandWrittenMM4.LAMBDA);
    }

    public static void main(String[] args) {
        long n = args.length > 0 ? Long.parseLong(args[0]) : 2_200_000L;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 1L;
        long start = System.nanoTime();
        SsjMM4 model = new SsjMM4(n, seed);
        model.simulate();
        double wall = (System.nanoTime() - start) / 1e9;
        System.out.printf("SSJ M/M/4: requests %d  events %d  wall %.3f s (loop only)  requests/s %.0f  events/s %.0f%n",
                n, model.events(), wall, n / wall, model.events() / wall);
        System.out.printf("  mean response %.4f s over %d requests (Erlang C: %.4f s); mean queue length %.4f%n",
                model.responses.average(), model.responses.numberObs(), theory(), model.queueSize.average());
    }
}
