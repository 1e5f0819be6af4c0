package io.headroom.pricing;

import io.headroom.design.pricing.CommitmentSpec;
import io.headroom.design.pricing.FunctionPrice;
import io.headroom.design.pricing.InstanceType;
import io.headroom.design.pricing.Market;
import io.headroom.design.pricing.PriceCatalogue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bill of one run. The simulator tells it when each instance starts and stops, which components
 * are load balancers, which are functions (through a {@link FunctionMeter}) and how many bytes cross
 * zones; the ledger prices all of it in AWS's terms and answers the cost so far at any time. Times
 * are simulated nanoseconds and must not go backwards.
 *
 * <p>The rules, in AWS's terms (sources in docs/pricing.md):
 * <ul>
 *   <li>An instance is billed per second while it runs, each launch rounded up to a whole second and
 *       to at least 60 seconds. The rounding is charged when the instance stops (or when the run
 *       ends), at that launch's market price.</li>
 *   <li>On-demand instances pay the catalogue price; spot instances pay it less their discount.</li>
 *   <li>Reserved instances ({@link CommitmentSpec}) are paid for the whole run at their discounted
 *       price, used or not. At every instant they cover up to their count of running on-demand
 *       instances of their type (spot instances are never covered). When several components run the
 *       type, the coverage is shared in proportion to their on-demand counts.</li>
 *   <li>Savings plans are paid for the whole run (their USD per hour). At every instant they cover
 *       the on-demand spend that no reservation covers, valued at savings-plan rates (the on-demand
 *       price less the plan's discount), up to the plan's USD per hour; plans apply in the order
 *       listed. AWS applies commitments hour by hour; applying them at every instant is the same
 *       when the fleet is steady within each hour, and never cheaper than AWS otherwise. The
 *       60-second and whole-second rounding is never covered.</li>
 *   <li>A load balancer is billed at its hourly rate for the run's length (capacity units are not
 *       modelled). A balancer is always on, and a run is a window of its life: AWS bills a partial hour
 *       as a whole one, but a window of an always-on balancer has no partial hour of its own, and
 *       rounding it up would make a ten-minute run's cost per hour (and month) count six balancers.</li>
 *   <li>Cross-zone traffic is charged per GB (2<sup>30</sup> bytes) in each direction: a byte that
 *       crosses pays the catalogue's price twice, once leaving its zone and once entering the other.</li>
 *   <li>A function pays per request and per GB-second of billed duration ({@link FunctionMeter}).</li>
 *   <li>Stored data (a bucket, a volume, a database's storage) pays by the GB-month as it accrues, its
 *       lifecycle transitions and retrievals as they happen ({@link StorageBill}, in closed form).</li>
 * </ul>
 *
 * <p>The rounding is {@link PerSecondRounding}, the commitments' coverage at an instant
 * {@link CommitmentCoverage}, the final totals {@link CostTotals}; this class keeps what runs and
 * books each stretch of time between changes.
 *
 * <p>Instance events are rare; the per-request calls ({@link FunctionMeter#invoked}, {@link #crossZone})
 * only add to counters. Nothing is kept per request.
 */
public final class CostLedger {
    private static final double NS_PER_HOUR = 3.6e12;
    private static final double BYTES_PER_GB = 1L << 30;

    /** Result keys of {@link CostSummary#byMarket}. */
    public static final List<String> MARKETS = List.of("on-demand", "spot", "reserved", "savings-plan", "function", "load-balancer",
            "network");

    /** The market of stored data, in {@link CostSummary#byMarket} only when the run stored data (so that a design without
     *  any reads as it always did). */
    public static final String STORAGE = "storage";

    /** The market of data sent between regions and out to the internet, in {@link CostSummary#byMarket} only when some was. */
    public static final String TRANSFER = "transfer";
    /** The market of CDNs' requests and bytes, in {@link CostSummary#byMarket} only when the design has a cdn. */
    public static final String CDN = "cdn";

    private final PriceCatalogue catalogue;
    private final Map<String, Account> accounts = new LinkedHashMap<>();
    private final Map<String, TypeState> typeStates = new LinkedHashMap<>();
    private TypeState[] types = new TypeState[0];
    private int[] onDemandOf = new int[0];
    private int[] reservedOf = new int[0];
    private double[] priceOf = new double[0];
    private boolean[] planless = new boolean[0];
    private int[] familyOf = new int[0];
    private long[] quartersOf = new long[0];
    private final Map<String, Integer> families = new LinkedHashMap<>();
    private long[] familyReserved = new long[0];
    private CommitmentCoverage lastCoverage;
    private int[] lastOnDemand;
    private int[] lastReserved;
    private double[] familyFee = new double[0];
    private TypeState[] familySole = new TypeState[0]; // the family's one reserved type, null with several
    private final List<Long> usageTimes = new ArrayList<>();
    private final List<int[]> usageCounts = new ArrayList<>();
    private final List<Pool> pools = new ArrayList<>();
    private final Map<String, Launch> running = new LinkedHashMap<>();
    private final List<FunctionMeter> meters = new ArrayList<>();
    private final List<CdnMeter> cdns = new ArrayList<>();
    private final List<StorageBill> stores = new ArrayList<>();
    private final List<Account> storeAccounts = new ArrayList<>();
    private final double riFeePerHour;
    private final double[] planCapacity; // on-demand-priced USD/h each savings plan covers
    private final double[] planFactor;   // 1 - discount
    private final double planFeePerHour;

    private long lastNs;
    private double continuousUsd;
    private double lumpUsd;
    private final List<UsageMeter> usage = new ArrayList<>();
    private long crossZoneBytes;
    private long windowEnd;
    private double windowAccrued;
    private boolean finished;
    private double[] curveHours = new double[16];
    private double[] curveUsd = new double[16];
    private int curvePoints;

    /** A ledger for a run costed with {@code catalogue}, with the design's {@code commitments}. */
    public CostLedger(PriceCatalogue catalogue, List<CommitmentSpec> commitments) {
        this.catalogue = catalogue;
        double ri = 0;
        List<double[]> plans = new ArrayList<>();
        double fee = 0;
        for (CommitmentSpec c : commitments) {
            double d = c.discount(catalogue);
            if (c.isReservedInstance()) {
                InstanceType t = c.type().startsWith("db.") ? catalogue.databaseClass(c.engine(), c.type())
                        : c.type().startsWith("cache.") ? catalogue.cacheNode(c.type()) : catalogue.type(c.type());
                TypeState ts = typeState(t);
                ts.committed += c.count();
                double f = c.payment() == null ? c.count() * t.onDemandUsdPerHour() * (1 - d)
                        : c.count() * c.reservedPrice(catalogue, t).usdPerHour();
                ts.feePerHour += f;
                ri += f;
                if (ts.family >= 0) {
                    familyReserved[ts.family] += c.count() * ts.quarters;
                    familyFee[ts.family] += f;
                    familySole[ts.family] = familySole[ts.family] == null || familySole[ts.family] == ts ? ts : NONE;
                }
            } else {
                plans.add(new double[] {c.usdPerHour() / (1 - d), 1 - d});
                fee += c.usdPerHour();
            }
        }
        riFeePerHour = ri;
        planCapacity = plans.stream().mapToDouble(p -> p[0]).toArray();
        planFactor = plans.stream().mapToDouble(p -> p[1]).toArray();
        planFeePerHour = fee;
    }

    public PriceCatalogue catalogue() {
        return catalogue;
    }

    /** An instance of {@code component} starts at {@code tNs}, spot priced with the catalogue's discount. */
    public void instanceStarted(String component, int instanceId, InstanceType type, Market market, long tNs) {
        instanceStarted(component, instanceId, type, market, catalogue.spotDiscount(), tNs);
    }

    /** An instance of {@code component} starts at {@code tNs}; a spot one pays the on-demand price less {@code spotDiscount}. */
    public void instanceStarted(String component, int instanceId, InstanceType type, Market market, double spotDiscount, long tNs) {
        checkOpen();
        advance(tNs);
        String key = component + "#" + instanceId;
        if (running.containsKey(key)) {
            throw new IllegalStateException("instance " + instanceId + " of " + component + " is already running");
        }
        double discount = market == Market.SPOT ? spotDiscount : 0;
        Pool pool = pool(account(component), typeState(type), market, discount);
        pool.count++;
        if (market == Market.ON_DEMAND) {
            pool.type.onDemand++;
            recordUsage(tNs);
        }
        running.put(key, new Launch(pool, tNs));
    }

    /** The instance stops at {@code tNs}: it is billed to here, rounded up to the second and to 60 seconds. */
    public void instanceStopped(String component, int instanceId, long tNs) {
        checkOpen();
        advance(tNs);
        Launch l = running.remove(component + "#" + instanceId);
        if (l == null) {
            throw new IllegalStateException("instance " + instanceId + " of " + component + " is not running");
        }
        stop(l, tNs);
    }

    private void stop(Launch l, long tNs) {
        Pool pool = l.pool;
        pool.count--;
        if (pool.market == Market.ON_DEMAND) {
            pool.type.onDemand--;
            recordUsage(tNs);
        }
        double usd = PerSecondRounding.usd(tNs - l.startNs, pool.type.type.onDemandUsdPerHour(), pool.discount);
        if (pool.market == Market.ON_DEMAND) {
            pool.account.onDemandUsd += usd;
        } else {
            pool.account.spotUsd += usd;
        }
        lumpUsd += usd;
    }

    /** Running instances of {@code component} in {@code market} (for a mixed fleet's next launch). */
    public int running(String component, Market market) {
        int n = 0;
        for (Pool p : pools) {
            if (p.market == market && p.account.name.equals(component)) {
                n += p.count;
            }
        }
        return n;
    }

    /** {@code component} is a load balancer, billed at its hourly rate for the whole run. */
    public void loadBalancer(String component) {
        checkOpen();
        account(component).loadBalancers++;
    }

    /** Registers a serverless function of {@code memoryMb} at {@code price}; its meter takes the invocations. */
    public FunctionMeter function(String component, FunctionPrice price, int memoryMb) {
        checkOpen();
        account(component);
        FunctionMeter m = new FunctionMeter(component, price, memoryMb, this);
        meters.add(m);
        return m;
    }

    /** Registers a CDN billed at the catalogue's {@code cdn:} prices; its meter takes the requests. */
    public CdnMeter cdn(String component) {
        checkOpen();
        account(component);
        CdnMeter m = new CdnMeter(component, catalogue.cdnUsdPerGb(), catalogue.cdnUsdPer10kRequests(), this);
        cdns.add(m);
        return m;
    }

    /** {@code component} stores data billed by {@code bill} for the whole run. */
    public void storage(String component, StorageBill bill) {
        checkOpen();
        stores.add(bill);
        storeAccounts.add(account(component));
    }

    /** The stores registered, in order. */
    public List<StorageBill> stores() {
        return List.copyOf(stores);
    }

    /** A meter of usage billed at {@code usdPerUnit} to {@code component} under {@code market} (and to {@code region}, if not null). */
    public UsageMeter usage(String component, String market, String region, double usdPerUnit) {
        checkOpen();
        UsageMeter m = new UsageMeter(this, component, market, region, usdPerUnit);
        usage.add(m);
        return m;
    }

    /** The usage meters registered, in order. */
    public List<UsageMeter> usageMeters() {
        return List.copyOf(usage);
    }

    /** A price per GB as a price per byte (a GB is 2^30 bytes, as cross-zone traffic counts it). */
    public static double perByte(double usdPerGb) {
        return usdPerGb / BYTES_PER_GB;
    }

    /** {@code bytes} crossed from one availability zone to another. Allocation-free. */
    public void crossZone(long bytes) {
        crossZoneBytes += bytes;
        lumpUsd += bytes / BYTES_PER_GB * 2 * catalogue.crossZoneUsdPerGb();
    }

    void addLump(double usd) {
        lumpUsd += usd;
    }

    /** The cost accrued from time 0 to {@code tNs} (rounding charges and invocations counted when they happened). */
    public double accrued(long tNs) {
        advance(tNs);
        return continuousUsd + lumpUsd;
    }

    /**
     * The cost of the window {@code [fromNs, toNs)}; windows must be asked for in order, each starting
     * where the previous one ended (the first at 0). (The simulator asks for its windows before
     * {@link #finish}, so the end-of-run charges are in the total but in no window.) The windows of a run add up to its total when the
     * last one ends at the run's end and is asked for after {@link #finish}.
     */
    public double windowCost(long fromNs, long toNs) {
        if (fromNs != windowEnd) {
            throw new IllegalStateException("windows must follow each other: the last ended at " + windowEnd + " ns, not " + fromNs);
        }
        double a = finished ? continuousUsd + lumpUsd : accrued(toNs);
        if (!finished) {
            if (curvePoints == curveHours.length) {
                curveHours = Arrays.copyOf(curveHours, curvePoints * 2);
                curveUsd = Arrays.copyOf(curveUsd, curvePoints * 2);
            }
            curveHours[curvePoints] = toNs / NS_PER_HOUR;
            curveUsd[curvePoints++] = a;
        }
        double c = a - windowAccrued;
        windowAccrued = a;
        windowEnd = toNs;
        return c;
    }

    /**
     * Makes room at once for the spend curve's points of {@code windows} windows (a point per window asked for before
     * {@link #finish}), so that a long run does not copy the curve as it grows; room for up to about a million points,
     * past them it grows as needed.
     */
    public void expectWindows(long windows) {
        long room = Math.min(windows, 1 << 20);
        if (room > curveHours.length) {
            curveHours = Arrays.copyOf(curveHours, (int) room);
            curveUsd = Arrays.copyOf(curveUsd, (int) room);
        }
    }

    /** The hours of the spend curve's points: the ends of the windows asked for before {@link #finish}, in order. */
    public double[] spendCurveHours() {
        return Arrays.copyOf(curveHours, curvePoints);
    }

    /** The cost accrued by each of {@link #spendCurveHours} (end-of-run charges aside). */
    public double[] spendCurveUsd() {
        return Arrays.copyOf(curveUsd, curvePoints);
    }

    /** The average cost rate over the window {@code [fromNs, toNs)} in USD per hour (see {@link #windowCost}). */
    public double windowRatePerHour(long fromNs, long toNs) {
        double c = windowCost(fromNs, toNs);
        return toNs > fromNs ? c / ((toNs - fromNs) / NS_PER_HOUR) : 0;
    }

    /** The cost rate now, in USD per hour, of what runs and what is committed (rounding charges aside). */
    public double ratePerHour() {
        double rate = segment(0, false);
        for (StorageBill b : stores) {
            rate += b.usdPerHour(lastNs / 1e9);
        }
        return rate;
    }

    private void advance(long tNs) {
        if (tNs < lastNs) {
            throw new IllegalArgumentException("time went backwards: " + tNs + " ns after " + lastNs + " ns");
        }
        if (tNs == lastNs) {
            return;
        }
        long dt = tNs - lastNs;
        continuousUsd += segment(dt, true) * (dt / NS_PER_HOUR);
        for (int i = 0; i < stores.size(); i++) {
            double usd = stores.get(i).usd(lastNs / 1e9, tNs / 1e9);
            storeAccounts.get(i).storageUsd += usd;
            continuousUsd += usd;
        }
        lastNs = tNs;
    }

    /**
     * The commitment coverage of the counts in {@code onDemandOf} and {@code reservedOf}: a pure
     * function of them (the prices, families and plans change only when a type first appears,
     * which forgets the last answer), so the last answer serves while the counts stay as they were
     * — as they do over most windows and instance timers of a run.
     */
    private CommitmentCoverage coverage() {
        if (lastCoverage != null && Arrays.equals(onDemandOf, lastOnDemand) && Arrays.equals(reservedOf, lastReserved)) {
            return lastCoverage;
        }
        lastCoverage = CommitmentCoverage.of(onDemandOf, reservedOf, priceOf, planless, familyOf, quartersOf, familyReserved,
                planCapacity, planFactor);
        lastOnDemand = onDemandOf.clone();
        lastReserved = reservedOf.clone();
        return lastCoverage;
    }

    /** The rate (USD/h) of the current state; with {@code book}, charges {@code dtNs} of it to the accounts. */
    private double segment(long dtNs, boolean book) {
        double hours = dtNs / NS_PER_HOUR;
        for (int t = 0; t < types.length; t++) {
            onDemandOf[t] = types[t].onDemand;
            reservedOf[t] = types[t].committed;
        }
        CommitmentCoverage coverage = coverage();
        for (int t = 0; t < types.length; t++) {
            types[t].coveredFraction = coverage.coveredFraction()[t];
        }
        double uncovered = coverage.uncoveredUsdPerHour();
        double remaining = coverage.paidUsdPerHour();
        double planUsedValue = coverage.planUsedUsdPerHour();
        double paidFraction = coverage.paidFraction();
        double rate = riFeePerHour + planFeePerHour + remaining + coverage.planlessUsdPerHour();
        for (Pool p : pools) {
            if (p.count == 0) {
                continue;
            }
            double price = p.type.type.onDemandUsdPerHour();
            if (p.market == Market.SPOT) {
                double r = p.count * price * (1 - p.discount);
                rate += r;
                if (book) {
                    p.account.spotUsd += r * hours;
                }
            } else if (book) {
                double phi = p.type.coveredFraction;
                double odUncovered = p.count * (1 - phi) * price;
                boolean planned = p.type.type.service().savingsPlanEligible();
                p.account.onDemandUsd += odUncovered * (planned ? paidFraction : 1) * hours;
                if (p.type.family >= 0 && familySole[p.type.family] != p.type) {
                    int f = p.type.family;
                    if (familyReserved[f] > 0) { // size flexibility: another size's reservation covers it, at its fee per unit
                        p.account.reservedUsedUsd += p.count * phi * p.type.quarters * (familyFee[f] / familyReserved[f]) * hours;
                    }
                } else if (p.type.committed > 0) {
                    p.account.reservedUsedUsd += p.count * phi * (p.type.feePerHour / p.type.committed) * hours;
                }
                if (planned && uncovered > 0) {
                    p.account.planUsedUsd += planUsedValue * (odUncovered / uncovered) * hours;
                }
            }
            if (book) {
                p.account.instanceNs += p.count * dtNs;
            }
        }
        for (Account a : accounts.values()) {
            if (a.loadBalancers > 0) {
                double r = a.loadBalancers * catalogue.loadBalancerUsdPerHour();
                rate += r;
                if (book) {
                    a.loadBalancerUsd += r * hours;
                }
            }
        }
        return rate;
    }

    /**
     * Ends the run at {@code endNs}: every instance still running stops there, load balancers are
     * billed up to the next whole hour, and the bill is totalled.
     *
     * <p>{@code idle_usd} is what the unused headroom cost: for each component, its instance cost
     * (on-demand and spot charges and the commitment value its instances used) times
     * {@code 1 - busy}, where {@code busy} is the component's busy fraction over the run from
     * {@code busyFraction} (the simulator passes its {@code utilisation}: busy workers over workers,
     * averaged over instance-time; a component not in the map counts as never busy), plus the
     * commitments no instance used. Load balancers, functions (billed only while they run) and
     * traffic are never idle.
     *
     * @param requests every request the bill covers (the whole run, warm-up included), for {@code per_million_requests_usd} (0 when there were none)
     */
    public CostSummary finish(long endNs, Map<String, Double> busyFraction, long requests) {
        checkOpen();
        advance(endNs);
        for (Launch l : running.values()) {
            stop(l, endNs);
        }
        running.clear();
        finished = true;
        // no bytes crossed, no price asked: a design that prices nothing never reads the bundled catalogue's prices
        double crossZonePrice = crossZoneBytes == 0 ? 0 : catalogue.crossZoneUsdPerGb();
        return CostTotals.of(endNs, accounts.values(), meters, riFeePerHour, planFeePerHour, crossZoneBytes,
                crossZonePrice, busyFraction, requests, stores, cdns, usage).withUsage(usage(endNs));
    }

    /** Notes the running on-demand count of every type from {@code tNs} on (instance events only: rare). */
    private void recordUsage(long tNs) {
        int[] counts = new int[types.length];
        for (int t = 0; t < types.length; t++) {
            counts[t] = types[t].onDemand;
        }
        int last = usageTimes.size() - 1;
        if (last >= 0 && usageTimes.get(last) == tNs) {
            usageCounts.set(last, counts);
        } else {
            usageTimes.add(tNs);
            usageCounts.add(counts);
        }
    }

    /** The on-demand instances of every EC2 type over {@code [0, endNs)}, what a commitment could have covered. */
    public UsageProfile usage(long endNs) {
        List<InstanceType> ts = new ArrayList<>();
        for (TypeState t : types) {
            ts.add(t.type);
        }
        return UsageProfile.of(ts, usageTimes, usageCounts, endNs);
    }

    /** Bytes that crossed zones so far. */
    public long crossZoneBytes() {
        return crossZoneBytes;
    }

    /** The meters of the functions registered, in order. */
    public List<FunctionMeter> functionMeters() {
        return List.copyOf(meters);
    }

    private void checkOpen() {
        if (finished) {
            throw new IllegalStateException("the run's bill is already finished");
        }
    }

    private Account account(String component) {
        return accounts.computeIfAbsent(component, Account::new);
    }

    private TypeState typeState(InstanceType t) {
        // an EC2 type's name is the offering; a DB class is priced per engine, so its price tells the offerings apart
        String key = t.service() == InstanceType.Service.EC2 ? t.name() : t.service() + ":" + t.name() + "@" + t.onDemandUsdPerHour();
        TypeState ts = typeStates.get(key);
        if (ts == null) {
            ts = new TypeState(t);
            typeStates.put(key, ts);
            int n = types.length;
            types = Arrays.copyOf(types, n + 1);
            types[n] = ts;
            onDemandOf = new int[n + 1];
            reservedOf = new int[n + 1];
            lastCoverage = null;
            priceOf = Arrays.copyOf(priceOf, n + 1);
            priceOf[n] = t.onDemandUsdPerHour();
            planless = Arrays.copyOf(planless, n + 1);
            planless[n] = !t.service().savingsPlanEligible();
            long q = t.service() == InstanceType.Service.EC2 ? io.headroom.design.pricing.Normalization.quarters(t.name()) : 0;
            ts.quarters = q;
            if (q > 0) {
                String fam = PriceCatalogue.familyOf(t.name());
                Integer f = families.get(fam);
                if (f == null) {
                    f = families.size();
                    families.put(fam, f);
                    familyReserved = Arrays.copyOf(familyReserved, f + 1);
                    familyFee = Arrays.copyOf(familyFee, f + 1);
                    familySole = Arrays.copyOf(familySole, f + 1);
                }
                ts.family = f;
            }
            familyOf = Arrays.copyOf(familyOf, n + 1);
            familyOf[n] = ts.family;
            quartersOf = Arrays.copyOf(quartersOf, n + 1);
            quartersOf[n] = q;
        }
        return ts;
    }

    private Pool pool(Account account, TypeState type, Market market, double discount) {
        for (Pool p : pools) {
            if (p.account == account && p.type == type && p.market == market && p.discount == discount) {
                return p;
            }
        }
        Pool p = new Pool(account, type, market, discount);
        pools.add(p);
        return p;
    }

    /** A marker: a family with reservations of several types. */
    private static final TypeState NONE = new TypeState(new InstanceType("none", 1, 1, 0));

    /** Running on-demand instances of a type and the reservations for it. */
    private static final class TypeState {
        final InstanceType type;
        int onDemand;
        int committed;
        double feePerHour;
        double coveredFraction;
        int family = -1;   // its family's index for size-flexible reservations (EC2), else -1
        long quarters;     // its normalization factor in quarter units

        TypeState(InstanceType type) {
            this.type = type;
        }
    }

    /** Running instances of one component, type, market and discount. */
    private static final class Pool {
        final Account account;
        final TypeState type;
        final Market market;
        final double discount;
        int count;

        Pool(Account account, TypeState type, Market market, double discount) {
            this.account = account;
            this.type = type;
            this.market = market;
            this.discount = discount;
        }
    }

    private record Launch(Pool pool, long startNs) {
    }
}
