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
 * The open tandem of benchmarks/run.sh written for SSJ, in the idiom of its tutorial's {@code QueueEv} and
 * {@code BankEv} (see {@link SsjMM4}): Poisson arrivals at λ = 2/s → front (1 server, exponential mean 0.4 s) →
 * app (3 servers, exponential mean 1.25 s) → with probability 0.3 db (1 server, exponential mean 1.333 s), each
 * station FIFO, freeing its server when it hands the customer on (a Jackson network). An {@link Event} per
 * arrival and per end of service; one {@link MRG32k3a} stream for the arrivals, one per station's service times
 * and one for the routing; the end-to-end responses in a {@link Tally}, each station's queue length in an
 * {@link Accumulate}. 2.2 million customers, the first 10 % left out of the statistics as warm-up, the event
 * list drained at the end — the same run as {@link HandWrittenTandem}.
 *
 * <p>Arguments (optional): number of customers, seed (substream seed − 1 of each stream). Prints the
 * customers, events, loop-only time and rates, and the mean end-to-end response next to the Jackson-network
 * value.
 */
public final class SsjTandem {
    private static final String[] NAMES = {"front", "app", "db"};

    private final long customers;
    private final long warmup;
    private final RandomVariateGen genArr;
    private final RandomStream streamRoute;
    private final Station[] stations = new Station[3];
    private long nbArrived;
    private long nbEvents;
    final Tally responses = new Tally("End-to-end response times (s)");

    static final class Customer {
        final long index;
        final double arrivTime;

        Customer(long index, double arrivTime) {
            this.index = index;
            this.arrivTime = arrivTime;
        }
    }

    /** A FIFO station with its servers, its waiting line and its service-time generator. */
    final class Station {
        final int number;
        final int nbServers;
        final RandomVariateGen genServ;
        final ArrayDeque<Customer> waitList = new ArrayDeque<>();
        final Accumulate queueSize;
        int nbBusy;

        Station(int number, RandomStream stream) {
            this.number = number;
            this.nbServers = HandWrittenTandem.WORKERS[number];
            this.genServ = new ExponentialGen(stream, 1 / HandWrittenTandem.MEAN[number]);
            this.queueSize = new Accumulate("Size of queue at " + NAMES[number]);
        }

        void arrive(Customer cust) {
            if (nbBusy < nbServers) {   // starts service
                nbBusy++;
                new EndOfService(this, cust).schedule(genServ.nextDouble());
            } else {   // must join the queue
                waitList.addLast(cust);
                queueSize.update(waitList.size());
            }
        }

        void serveNext() {
            Customer next = waitList.pollFirst();
            if (next == null) {
                nbBusy--;
            } else {
                queueSize.update(waitList.size());
                new EndOfService(this, next).schedule(genServ.nextDouble());
            }
        }
    }

    SsjTandem(long customers, long seed) {
        this.customers = customers;
        this.warmup = customers / 10;
        MRG32k3a.setPackageSeed(SsjMM4.PACKAGE_SEED);
        genArr = new ExponentialGen(SsjMM4.substream(new MRG32k3a(), seed), HandWrittenTandem.LAMBDA);
        for (int i = 0; i < stations.length; i++) {
            stations[i] = new Station(i, SsjMM4.substream(new MRG32k3a(), seed));
        }
        streamRoute = SsjMM4.substream(new MRG32k3a(), seed);
    }

    void simulate() {
        Sim.init();
        responses.init();
        for (Station s : stations) {
            s.queueSize.init();
        }
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
            if (index == warmup) {   // the warm-up ends
                for (Station s : stations) {
                    s.queueSize.init(s.waitList.size());
                }
            }
            stations[0].arrive(new Customer(index, Sim.time()));
        }
    }

    final class EndOfService extends Event {
        private final Station station;
        private final Customer cust;

        EndOfService(Station station, Customer cust) {
            this.station = station;
            this.cust = cust;
        }

        @Override
        public void actions() {
            nbEvents++;
            station.serveNext();
            if (station.number == 0
                    || (station.number == 1 && streamRoute.nextDouble() < HandWrittenTandem.P_DB)) {
                stations[station.number + 1].arrive(cust);
            } else if (cust.index >= warmup) {   // leaves the network
                responses.add(Sim.time() - cust.arrivTime);
            }
        }
    }

    long events() {
        return nbEvents;
    }

    /** Time-average queue length at a station since the warm-up. */
    double meanQueue(int station) {
        return stations[station].queueSize.average();
    }

    /** One whole run, as {@code SsjBenchmark} times it: n customers; returns the mean response (s). */
    static double simulate(long n, long seed) {
        SsjTandem model = new SsjTandem(n, seed);
        model.simulate();
        return model.responses.average();
    }

    public static void main(String[] args) {
        long n = args.length > 0 ? Long.parseLong(args[0]) : 2_200_000L;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 1L;
        long start = System.nanoTime();
        SsjTandem model = new SsjTandem(n, seed);
        model.simulate();
        double wall = (System.nanoTime() - start) / 1e9;
        System.out.printf("SSJ tandem: requests %d  events %d  wall %.3f s (loop only)  requests/s %.0f  events/s %.0f%n",
                n, model.events(), wall, n / wall, model.events() / wall);
        System.out.printf("  mean end-to-end response %.4f s over %d requests (Jackson network: %.4f s)%n",
                model.responses.average(), model.responses.numberObs(), HandWrittenTandem.theory());
        System.out.printf("  mean queue length front %.4f, app %.4f, db %.4f%n", model.meanQueue(0), model.meanQueue(1),
                model.meanQueue(2));
    }
}
