package io.headroom.run;

import io.headroom.metrics.NanosTotal;
import io.headroom.request.ErrorCause;
import io.headroom.request.Requests;
import io.headroom.service.FlowBalance;
import io.headroom.service.ServiceStation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Takes the readings a run's {@link Checks} need and judges them. Little's law over the measured
 * period {@code [a, b]} compares two differences of readings at its ends: of the integral of the
 * number in the system, and of the time requests spent in it from time 0 — that of the requests
 * which left (summed exactly as each leaves), plus {@code t − entry} of those inside at the reading
 * (found by scanning the request pool). A request that straddles a boundary thus counts its part
 * inside the period, and one still inside at {@code b} counts up to {@code b}. The readings are
 * taken where {@link MeasuredPeriod} takes the integrals: at the end of the warm-up (time 0 without
 * one) and at the horizon, or at the end of the run when the in-flight guard stopped it.
 */
final class SelfChecks implements ReplicationObserver {
    private final Requests req;
    private final LoadDriver driver;
    private final Map<String, List<ServiceStation>> units;
    private final List<ServiceStation> stations = new ArrayList<>();
    private final int[] stationOf; // owner id -> index in stations, or -1
    private Reading atStart;
    private Reading atHorizon;

    /** The readings at one instant: the load's integral and time, and per station its time and the requests the pool holds there. */
    private record Reading(double loadArea, double loadTime, long loadInside, double[] time, long[] inside) {
    }

    SelfChecks(Requests req, LoadDriver driver, Map<String, List<ServiceStation>> units) {
        this.req = req;
        this.driver = driver;
        this.units = units;
        int owners = 0;
        for (List<ServiceStation> unit : units.values()) {
            for (ServiceStation s : unit) {
                stations.add(s);
                owners = Math.max(owners, s.ownerId() + 1);
            }
        }
        stationOf = new int[owners];
        Arrays.fill(stationOf, -1);
        for (int i = 0; i < stations.size(); i++) {
            stationOf[stations.get(i).ownerId()] = i;
        }
        atStart = new Reading(0, 0, 0, new double[stations.size()], new long[stations.size()]);
    }

    @Override
    public void warmUpEnded(long now) {
        atStart = read(now);
    }

    @Override
    public void horizonReached(long now) {
        atHorizon = read(now);
    }

    private Reading read(long now) {
        int n = stations.size();
        double[] time = new double[n];
        long[] inside = new long[n];
        NanosTotal loadTime = new NanosTotal();
        NanosTotal[] stationTime = new NanosTotal[n];
        for (int i = 0; i < n; i++) {
            stationTime[i] = new NanosTotal();
        }
        long loadInside = 0;
        boolean[] live = req.liveMask();
        for (int r = 0; r < live.length; r++) {
            if (!live[r]) {
                continue;
            }
            if (req.parent[r] < 0) {
                loadTime.add(now - req.arrival[r]);
                loadInside++;
            }
            int owner = req.station[r];
            if (owner >= 0 && owner < stationOf.length && stationOf[owner] >= 0) {
                stationTime[stationOf[owner]].add(now - req.stationArrival[r]);
                inside[stationOf[owner]]++;
            }
        }
        for (int i = 0; i < n; i++) {
            time[i] = stations.get(i).balance().leftTimeNs() + stationTime[i].nanos();
        }
        return new Reading(driver.inFlightArea(now), driver.endedTimeNs() + loadTime.nanos(), loadInside, time, inside);
    }

    /**
     * Judges the run that ended as {@code outcome} says; {@code overall} are its counted requests,
     * {@code period} the integrals its results were computed from.
     */
    Checks judge(Replication.Outcome outcome, RunResult.RequestStats overall, MeasuredPeriod period) {
        long overflowAt = outcome.overflowAtNs();
        Reading atEnd = read(outcome.endNs());
        Reading b = overflowAt >= 0 ? read(overflowAt) : atHorizon;
        List<String> failures = new ArrayList<>();

        Checks.Balance load = new Checks.Balance(overall.requests(), overall.completed(), overall.errors(), overall.inFlight());
        if (!load.balanced()) {
            failures.add("conservation, overall: " + load.requests() + " requests sent but " + load.completed() + " completed + "
                    + load.errorTotal() + " errors + " + load.inFlight() + " in flight");
        }
        if (atEnd.loadInside() != driver.inFlight()) {
            failures.add("conservation, overall: the load counts " + driver.inFlight() + " requests in flight at the end, the request"
                    + " pool holds " + atEnd.loadInside());
        }
        Checks.Little loadLittle = new Checks.Little(b.loadArea() - atStart.loadArea(), b.loadTime() - atStart.loadTime());
        if (!loadLittle.holds()) {
            failures.add(littleFailure("overall", loadLittle));
        }

        Map<String, FlowBalance> balances = new LinkedHashMap<>();
        Map<String, Checks.Little> littles = new LinkedHashMap<>();
        int k = 0;
        for (Map.Entry<String, List<ServiceStation>> u : units.entrySet()) {
            String name = u.getKey();
            EnumMap<ErrorCause, Long> failed = new EnumMap<>(ErrorCause.class);
            for (ErrorCause c : ErrorCause.all()) {
                failed.put(c, 0L);
            }
            long received = 0;
            long answered = 0;
            long passedOn = 0;
            int inside = 0;
            long pooled = 0;
            double left = 0;
            double integral = 0;
            double sum = 0;
            for (ServiceStation s : u.getValue()) {
                FlowBalance f = s.balance();
                received += f.received();
                answered += f.answered();
                passedOn += f.passedOn();
                inside += f.inside();
                left += f.leftTimeNs();
                f.failed().forEach((c, n) -> failed.merge(c, n, Long::sum));
                pooled += atEnd.inside()[k];
                integral += period.over(s, period.atEnd(s, overflowAt)).inSystem();
                sum += b.time()[k] - atStart.time()[k];
                k++;
            }
            FlowBalance balance = new FlowBalance(received, answered, passedOn, failed, inside, left);
            balances.put(name, balance);
            if (!balance.balanced()) {
                failures.add("conservation, " + name + ": " + received + " requests received but " + balance.ended() + " ended + "
                        + inside + " inside");
            }
            if (pooled != inside) {
                failures.add("conservation, " + name + ": it counts " + inside + " requests inside at the end, the request pool"
                        + " holds " + pooled + " there");
            }
            Checks.Little little = new Checks.Little(integral, sum);
            littles.put(name, little);
            if (!little.holds()) {
                failures.add(littleFailure(name, little));
            }
        }
        return new Checks(List.copyOf(failures), load, balances, loadLittle, littles);
    }

    private static String littleFailure(String where, Checks.Little l) {
        return "Little's law, " + where + ": the integral of the number in the system is " + l.integralNs() / 1e9
                + " request-seconds, the sum of the times inside " + l.sumNs() / 1e9 + " (relative difference " + l.relativeError()
                + ", more than " + Checks.TOLERANCE + ")";
    }
}
