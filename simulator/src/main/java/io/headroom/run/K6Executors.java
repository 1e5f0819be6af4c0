package io.headroom.run;

import io.headroom.engine.EventHandler;
import io.headroom.engine.EventQueue;
import io.headroom.load.arrival.ArrivalStream;
import io.headroom.load.k6.K6Plan;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Plays a k6 scenario ({@link K6Plan}) in the load driver: which iterations start when, on which VU, and which are
 * dropped or interrupted. An iteration is one run of the profile's scenario (one request from the mix without one), a
 * simulated user slot of the driver; a VU runs one iteration at a time.
 *
 * <ul>
 *   <li><b>Arrival rate.</b> Iterations start at the plan's times while a VU is free; one that finds every VU busy is
 *       dropped ({@code dropped_iterations}) and, below {@code maxVUs}, one more VU is made ready for the next.</li>
 *   <li><b>VUs.</b> k6's VU handles ({@code vu_handle.go}): a raw step starts handles {@code 0..n-1} (each loops
 *       iterations back to back) or stops the highest gracefully (it finishes its iteration and starts no other; a start
 *       before then lets it go on looping); a graceful step hard-stops the handles above its count.</li>
 *   <li><b>Iterations.</b> {@code per-vu-iterations} and {@code shared-iterations}: every VU loops until its (or the
 *       shared) count is spent; at {@code maxDuration} none starts any more and those not started are dropped.</li>
 * </ul>
 *
 * An interrupted iteration (a hard stop, or {@code gracefulStop} over) is counted as k6 counts it and abandoned: its
 * user takes no further step, while a request it has in flight goes on in the system (a server does not learn that
 * its client gave up) and is booked as any other.
 */
final class K6Executors {
    /** How the executor starts an iteration on the load driver. */
    interface Starter {
        /** Starts an iteration and returns its user slot, or -1 when the in-flight guard stopped the run. */
        int start(int vu);
    }

    private static final int NONE = -1;
    private static final int ABANDONED = -2;
    private static final int STOPPED = 0;
    private static final int RUNNING = 1;
    private static final int GRACEFUL = 2;

    private final K6Plan plan;
    private final EventQueue events;
    private final Starter starter;
    private final long origin;

    private int[] vuOfUser = new int[64];
    private int[] userOfVu;
    private int[] state;
    private boolean over; // no iteration starts any more

    long completed;
    long interrupted;
    long dropped;

    // arrival rate
    private ArrivalStream times;
    private int arrivalTimer = -1;
    private int allocated;
    private int busy;
    private int[] freeVus; // a stack of the VUs without an iteration
    private int freeCount;

    // VU steps, in k6's order: {time, raw (1) or graceful (0), count}
    private long[] stepAt;
    private boolean[] stepRaw;
    private int[] stepVus;
    private int scheduled;
    private int allowed;

    // iterations
    private long[] left;
    private long sharedLeft;

    K6Executors(K6Plan plan, EventQueue events, Starter starter) {
        this.plan = plan;
        this.events = events;
        this.starter = starter;
        this.origin = plan.startNs();
        Arrays.fill(vuOfUser, NONE);
        int vus = plan instanceof K6Plan.ArrivalRate a ? a.maxVUs()
                : plan instanceof K6Plan.Vus v ? v.maxVUs() : ((K6Plan.Iterations) plan).vus();
        userOfVu = new int[vus];
        state = new int[vus];
        Arrays.fill(userOfVu, NONE);
    }

    /** Schedules the scenario's first events. */
    void start() {
        events.once(hardStop, 0, origin + plan.endNs());
        if (plan instanceof K6Plan.ArrivalRate a) {
                times = a.times().get();
                allocated = a.preAllocatedVUs();
                freeVus = new int[a.maxVUs()];
                for (int h = a.maxVUs() - 1; h >= 0; h--) {
                    freeVus[freeCount++] = h;
                }
                arrivalTimer = events.timer(u -> arrival(), 0);
                long t = times.next();
                if (t != ArrivalStream.END) {
                    events.schedule(arrivalTimer, origin + t);
                }
        } else if (plan instanceof K6Plan.Vus v) {
                orderSteps(v.raw(), v.graceful());
                for (int k = 0; k < stepAt.length; k++) {
                    events.once(step, k, origin + stepAt[k]);
                }
        } else if (plan instanceof K6Plan.Iterations it) {
                events.once(regularEnd, 0, origin + it.regularNs());
                if (it.shared()) {
                    sharedLeft = it.iterations();
                } else {
                    left = new long[it.vus()];
                    Arrays.fill(left, it.iterations());
                }
                events.once(u -> {
                    for (int h = 0; h < state.length; h++) {
                        state[h] = RUNNING;
                        next(h);
                    }
                }, 0, origin);
        }
    }

    /** k6's {@code iterateSteps}: raw and graceful steps by time, a raw one first at equal times, then the graceful rest. */
    private void orderSteps(List<K6Plan.Step> raw, List<K6Plan.Step> graceful) {
        List<long[]> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < raw.size()) {
            if (j < graceful.size() && graceful.get(j).atNs() < raw.get(i).atNs()) {
                out.add(new long[]{graceful.get(j).atNs(), 0, graceful.get(j).vus()});
                j++;
            } else {
                out.add(new long[]{raw.get(i).atNs(), 1, raw.get(i).vus()});
                i++;
            }
        }
        for (; j < graceful.size(); j++) {
            out.add(new long[]{graceful.get(j).atNs(), 0, graceful.get(j).vus()});
        }
        stepAt = new long[out.size()];
        stepRaw = new boolean[out.size()];
        stepVus = new int[out.size()];
        for (int k = 0; k < out.size(); k++) {
            stepAt[k] = out.get(k)[0];
            stepRaw[k] = out.get(k)[1] == 1;
            stepVus[k] = (int) out.get(k)[2];
        }
    }

    private final EventHandler step = this::onStep;
    private final EventHandler hardStop = this::onHardStop;
    private final EventHandler regularEnd = this::onRegularEnd;

    private void onStep(int k) {
        int pv = stepVus[k];
        if (stepRaw[k]) { // scheduledVUsHandlerStrategy
            for (; scheduled < pv; scheduled++) {
                startVu(scheduled);
            }
            for (; pv < scheduled; scheduled--) {
                gracefulStop(scheduled - 1);
            }
        } else { // maxAllowedVUsHandlerStrategy
            for (; pv < allowed; allowed--) {
                hardStop(allowed - 1);
            }
            allowed = pv;
        }
    }

    private void onHardStop(int unused) {
        over = true;
        for (int h = 0; h < state.length; h++) {
            hardStop(h);
        }
        if (arrivalTimer >= 0) {
            events.cancel(arrivalTimer);
        }
    }

    private void onRegularEnd(int unused) {
        over = true;
        if (left != null) {
            for (long l : left) {
                dropped += l;
            }
            Arrays.fill(left, 0);
        } else {
            dropped += sharedLeft;
            sharedLeft = 0;
        }
    }

    /** The profile's end: nothing more starts, and what still runs is interrupted. */
    void end() {
        hardStop.fire(0);
        if (plan instanceof K6Plan.Iterations) {
            onRegularEnd(0); // the iterations left are dropped even if the run stops at this instant (counted once)
        }
    }

    // ---- arrival rate ------------------------------------------------------------------------

    private void arrival() {
        long next = times.next();
        if (next != ArrivalStream.END) {
            events.schedule(arrivalTimer, origin + next);
        }
        if (over) {
            return;
        }
        if (busy < allocated) {
            int h = freeVu();
            busy++;
            state[h] = RUNNING;
            begin(h);
            return;
        }
        dropped++;
        if (allocated < userOfVu.length) {
            allocated++; // k6 initialises an unplanned VU in the background; here it is ready at once
        }
    }

    private int freeVu() {
        return freeVus[--freeCount];
    }

    // ---- VU handles ----------------------------------------------------------------------------

    private void startVu(int h) {
        if (over) {
            return;
        }
        if (state[h] == GRACEFUL) {
            state[h] = RUNNING; // "we raced with the loop, lets not return the vu just to get it back"
        } else if (state[h] == STOPPED) {
            state[h] = RUNNING;
            begin(h);
        }
    }

    private void gracefulStop(int h) {
        if (state[h] == RUNNING) {
            state[h] = userOfVu[h] == NONE ? STOPPED : GRACEFUL;
        }
    }

    private void hardStop(int h) {
        int u = userOfVu[h];
        if (u != NONE) {
            vuOfUser[u] = ABANDONED;
            userOfVu[h] = NONE;
            interrupted++;
            if (plan instanceof K6Plan.ArrivalRate) {
                busy--;
                freeVus[freeCount++] = h;
            }
        }
        state[h] = STOPPED;
    }

    /** Starts the next iteration of iterations-executor VU {@code h}, if it has one left. */
    private void next(int h) {
        if (over) {
            state[h] = STOPPED;
            return;
        }
        if (left != null) {
            if (left[h] == 0) {
                state[h] = STOPPED;
                return;
            }
            left[h]--;
        } else {
            if (sharedLeft == 0) {
                state[h] = STOPPED;
                return;
            }
            sharedLeft--;
        }
        begin(h);
    }

    private void begin(int h) {
        userOfVu[h] = -3; // reserved while the driver allocates the slot (the iteration may end before start returns)
        int u = starter.start(h);
        if (u < 0) {
            userOfVu[h] = NONE;
            state[h] = STOPPED;
            if (freeVus != null) {
                busy--;
                freeVus[freeCount++] = h;
            }
        }
    }

    /** The driver allocated user slot {@code u} for VU {@code h}'s iteration (before its first step). */
    void bind(int u, int h) {
        if (u >= vuOfUser.length) {
            int old = vuOfUser.length;
            vuOfUser = Arrays.copyOf(vuOfUser, Math.max(u + 1, old * 2));
            Arrays.fill(vuOfUser, old, vuOfUser.length, NONE);
        }
        vuOfUser[u] = h;
        userOfVu[h] = u;
    }

    /** Whether user slot {@code u} belongs to an interrupted iteration: it takes no further step. */
    boolean abandoned(int u) {
        return u < vuOfUser.length && vuOfUser[u] == ABANDONED;
    }

    /** User slot {@code u}, abandoned, is released by the driver. */
    void released(int u) {
        vuOfUser[u] = NONE;
    }

    /** The iteration of user slot {@code u} ran to its end (the driver has released the slot). */
    void iterationEnded(int u) {
        int h = vuOfUser[u];
        vuOfUser[u] = NONE;
        if (h < 0) {
            return;
        }
        userOfVu[h] = NONE;
        completed++;
        if (plan instanceof K6Plan.ArrivalRate) {
            busy--;
            freeVus[freeCount++] = h;
            state[h] = STOPPED;
        } else if (plan instanceof K6Plan.Vus) {
            if (state[h] == RUNNING && !over) {
                begin(h);
            } else {
                state[h] = STOPPED;
            }
        } else {
            next(h);
        }
    }

    /** The iteration counts for the results. */
    IterationFigures figures() {
        return new IterationFigures(completed, interrupted, dropped);
    }
}
