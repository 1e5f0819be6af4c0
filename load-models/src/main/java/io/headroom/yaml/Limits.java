package io.headroom.yaml;

/**
 * What the engine can hold, as the bounds of configuration keys ({@link AtMost}): each value is the
 * largest a key may take, each {@code _WHY} the reason a user reads in the error. They come from the
 * engine's arrays and pools (a worker, an instance, a user and a request each hold a slot), its
 * nanosecond clock, and memory; none is a judgement of what a sensible design is.
 */
public final class Limits {
    private Limits() {
    }

    /** Durations: every one passes through {@link Durations#parse}, which refuses longer ones. */
    public static final String DURATION = "3650d";
    public static final String DURATION_WHY = "the clock counts nanoseconds in 64 bits (292 years) and a run adds"
            + " durations together";

    public static final String INSTANCES = "100000";
    public static final String INSTANCES_WHY = "every instance a component may have is a slot in arrays sized for its"
            + " maximum";

    public static final String WORKERS = "100000";
    public static final String WORKERS_WHY = "each worker of an instance is a slot the instance keeps";

    /** Workers of one component over all its instances at their maximum (a cross-key bound, checked by the record). */
    public static final long ALL_WORKERS = 10_000_000L;
    public static final String ALL_WORKERS_WHY = "each worker is a slot in the component's arrays; 10 million of them"
            + " take about a gigabyte";

    public static final String CONNECTIONS = "100000";
    public static final String CONNECTIONS_WHY = "a count of connections, past any database's max_connections";

    public static final String SHARDS = "100000";
    public static final String SHARDS_WHY = "each shard is a station of its own";

    public static final String USERS = "2000000";
    public static final String USERS_WHY = "each user in the system holds a slot of the user pool, bounded as the"
            + " in-flight requests are (2 million)";

    public static final String OPEN_USERS = "1e12";
    public static final String OPEN_USERS_WHY = "arrivals are counted in 64 bits and placed by double arithmetic;"
            + " the work estimate refuses far fewer";

    public static final String RATE = "1e9";
    public static final String RATE_WHY = "the clock ticks in nanoseconds: more than 10^9 arrivals a second cannot be"
            + " told apart";

    public static final String COUNT = "1000000";
    public static final String COUNT_WHY = "a count the engine loops over";

    public static final String REPETITIONS = "1000000";
    public static final String REPETITIONS_WHY = "a user's loop counter";

    public static final String KEYS = "9007199254740992";
    public static final String KEYS_WHY = "keys are drawn through double-precision numbers, exact up to 2^53";

    public static final String REPLICATIONS = "10000";
    public static final String REPLICATIONS_WHY = "each replication's results are kept for the confidence intervals;"
            + " 10,000 narrow an interval 100-fold";

    public static final String FACTOR = "1e6";
    public static final String FACTOR_WHY = "a multiplier or ratio past a million is a unit mistake or beyond the"
            + " engine's double arithmetic";

    public static final String SHARE = "1";
    public static final String SHARE_WHY = "a share of a whole";

    public static final String PERCENT = "100";
    public static final String PERCENT_WHY = "a percentage";

    public static final String UTILISATION_PERCENT = "100000";
    public static final String UTILISATION_PERCENT_WHY = "a utilisation target in percent of the request";

    public static final String PRICE = "1e6";
    public static final String PRICE_WHY = "a price in US dollars; a million is past any catalogue and keeps bills"
            + " exact in double arithmetic";

    public static final String BUDGET = "1e12";
    public static final String BUDGET_WHY = "a monthly budget in US dollars; a trillion is past any account and keeps"
            + " cents exact in double arithmetic";

    public static final String PRIORITY = "1000000000";
    public static final String PRIORITY_WHY = "a PriorityClass value: Kubernetes accepts user-defined classes up to one"
            + " billion";

    public static final String BYTES = "1e15";
    public static final String BYTES_WHY = "bytes are counted in 64 bits and billed in double arithmetic";

    public static final String METRIC = "1e12";
    public static final String METRIC_WHY = "a metric value is compared in double arithmetic";

    public static final String SECONDS = "315360000";
    public static final String SECONDS_WHY = "a duration in seconds, bounded as every duration is (3650d)";

    public static final String MEMORY_MB = "10240";
    public static final String MEMORY_MB_WHY = "the largest memory a Lambda function may have";

    public static final String CPUS = "100000";
    public static final String CPUS_WHY = "each core is a processor the instance keeps";

    public static final String SEED = "9.2e18";
    public static final String SEED_WHY = "a seed is a 64-bit number";

    public static final String QUEUE = "2000000";
    public static final String QUEUE_WHY = "queued requests hold slots of the request pool (2 million); leave"
            + " capacity out for an unbounded queue";

    public static final String CACHE_KEYS = "134217728";
    public static final String CACHE_KEYS_WHY = "each cached key is an entry of the cache's table (2^27)";

    public static final String BREAKER_CALLS = "100000";
    public static final String BREAKER_CALLS_WHY = "each circuit breaker keeps a ring of its last calls, one per"
            + " caller and callee instance";

    public static final String MEMORY_GIB = "100000";
    public static final String MEMORY_GIB_WHY = "an instance's memory in GiB, past any instance type";

    public static final String SHAPE = "50";
    public static final String SHAPE_WHY = "past it nearly every draw is 0 or the cap on one draw (10^18 ns, which"
            + " keeps the clock in range)";

    public static final String BULKHEAD = "2000000";
    public static final String BULKHEAD_WHY = "calls inside a bulkhead hold slots of the request pool (2 million)";

    public static final String TRACE_TIME = "1e12";
    public static final String TRACE_TIME_WHY = "a time in the trace's unit, read in double arithmetic";
}
