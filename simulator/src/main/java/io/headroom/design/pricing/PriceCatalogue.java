package io.headroom.design.pricing;

import io.headroom.yaml.BadInputException;
import io.headroom.yaml.FieldError;
import io.headroom.yaml.Suggestions;
import io.headroom.yaml.YamlDocument;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The prices a design is costed with: instance types (vCPUs, memory, on-demand USD per hour) and
 * the other prices a run can incur — the spot discount and interruption rate, reserved-instance and
 * savings-plan discounts per term, a load balancer per hour, cross-zone traffic per GB (each
 * direction), and serverless functions per GB-second and per request. A design names one with
 * {@code pricing:}: a bundled catalogue ({@value #DEFAULT}, the default) or a catalogue file of its
 * own, relative to the design. Managed services have rows of their own, kept apart from the EC2
 * types (a Karpenter NodePool or a Cluster Autoscaler group picks only EC2 types): RDS DB instance
 * classes per engine ({@link #databaseClass}), ElastiCache node types ({@link #cacheNode}), and storage
 * classes ({@link #storage}). A bundled catalogue reads its prices when the first is asked for (a design that prices
 * nothing never does; a broken bundle would fail there), once, whatever the threads asking; they never change after,
 * so one catalogue serves runs in parallel.
 */
public final class PriceCatalogue {
    /** The catalogue a design without {@code pricing:} is costed with. */
    public static final String DEFAULT = "aws-us-east-1";

    private final String name;
    /** Reads the prices of a bundled catalogue at its first price; null when they were given. */
    private final Supplier<CataloguePrices> read;
    private volatile CataloguePrices prices;

    /** A catalogue of the prices given. */
    PriceCatalogue(CataloguePrices prices) {
        this.name = prices.name;
        this.read = null;
        this.prices = prices;
    }

    private PriceCatalogue(String name, Supplier<CataloguePrices> read) {
        this.name = name;
        this.read = read;
    }

    /**
     * A catalogue named {@code name} whose prices {@code read} reads when one is first asked for: a design that prices
     * nothing (no instance type, load balancer, commitment...) runs without reading them.
     */
    static PriceCatalogue readWhenUsed(String name, Supplier<CataloguePrices> read) {
        return new PriceCatalogue(name, read);
    }

    /** The prices, read now if this is their first use. */
    CataloguePrices prices() {
        CataloguePrices p = prices;
        if (p == null) {
            synchronized (this) {
                p = prices;
                if (p == null) {
                    p = read.get();
                    prices = p;
                }
            }
        }
        return p;
    }

    /** Whether the prices have been read (a bundled catalogue reads them at its first use). */
    boolean pricesRead() {
        return prices != null;
    }

    /** Names of the catalogues shipped with Headroom. */
    public static List<String> bundledNames() {
        return CatalogueReader.BUNDLED;
    }

    /** A bundled catalogue by name. */
    public static PriceCatalogue bundled(String name) {
        return CatalogueReader.bundled(name);
    }

    /** The default catalogue, {@value #DEFAULT}. */
    public static PriceCatalogue defaultCatalogue() {
        return bundled(DEFAULT);
    }

    /** A catalogue file (YAML, see {@link CatalogueFile}); every problem is located in it ({@link CatalogueReader}). */
    public static PriceCatalogue read(Path file) throws BadInputException {
        return CatalogueReader.read(file);
    }

    /**
     * The catalogue a design names with {@code pricing:} (null: the default): a bundled name, else a
     * file relative to the design's folder. A name that is neither is an error at {@code pricing}.
     */
    public static PriceCatalogue forDesign(String pricing, YamlDocument design) throws BadInputException {
        return CatalogueReader.forDesign(pricing, design);
    }

    /** The catalogue for {@code pricing:} without a document to locate errors in (a path is relative to {@code baseDir}). */
    public static PriceCatalogue resolve(String pricing, Path baseDir) throws BadInputException {
        return CatalogueReader.resolve(pricing, baseDir);
    }

    public String name() {
        return name;
    }

    /** Where the prices come from (free text from the catalogue). */
    public String source() {
        return prices().source;
    }

    /** Every instance type, by name. */
    public Map<String, InstanceType> types() {
        return prices().types;
    }

    public Optional<InstanceType> find(String type) {
        return Optional.ofNullable(prices().types.get(type));
    }

    /** The engines the catalogue prices DB instance classes for. */
    public java.util.Set<String> databaseEngines() {
        return prices().databases.keySet();
    }

    /**
     * The RDS DB instance class {@code name} as priced for {@code engine}; an unknown one is a
     * {@link FieldError} at {@code type} naming the classes the engine has.
     */
    public InstanceType databaseClass(String engine, String name) {
        Map<String, Map<String, InstanceType>> databases = prices().databases;
        Map<String, InstanceType> classes = databases.get(engine);
        if (classes == null) {
            throw new FieldError("engine", "no DB instance classes for engine '" + engine + "' in catalogue " + this.name
                    + Suggestions.suggestion(engine, new ArrayList<>(databases.keySet()), "engines: " + String.join(", ", databases.keySet())));
        }
        InstanceType t = classes.get(name);
        if (t == null) {
            throw new FieldError("type", "unknown DB instance class '" + name + "' for " + engine + " in catalogue " + this.name
                    + Suggestions.suggestion(name, new ArrayList<>(classes.keySet()), "classes: " + String.join(", ", classes.keySet())));
        }
        return t;
    }

    /** The ElastiCache node type {@code name}; an unknown one is a {@link FieldError} at {@code type}. */
    public InstanceType cacheNode(String name) {
        Map<String, InstanceType> nodes = prices().cacheNodes;
        InstanceType t = nodes.get(name);
        if (t == null) {
            throw new FieldError("type", "unknown ElastiCache node type '" + name + "' in catalogue " + this.name
                    + Suggestions.suggestion(name, new ArrayList<>(nodes.keySet()), "node types: " + String.join(", ", nodes.keySet())));
        }
        return t;
    }

    /** Every ElastiCache node type, by name. */
    public Map<String, InstanceType> cacheNodes() {
        return prices().cacheNodes;
    }

    /** The price of storage class {@code key} ({@code ebs-gp3}, {@code rds-gp3}, {@code s3-standard}…), if the catalogue has it. */
    public Optional<StoragePrice> storage(String key) {
        return Optional.ofNullable(prices().storage.get(key));
    }

    /** Every storage class priced, by key. */
    public Map<String, StoragePrice> storageClasses() {
        return prices().storage;
    }

    /**
     * The row of an instance type; an unknown name is a {@link FieldError} at {@code type} with the
     * nearest name when one is a few letters off.
     */
    public InstanceType type(String type) {
        InstanceType t = prices().types.get(type);
        if (t == null) {
            throw new FieldError("type", unknownType(type));
        }
        return t;
    }

    /** "unknown instance type 'c6i.lrge' in catalogue aws-us-east-1: did you mean 'c6i.large'?" */
    public String unknownType(String type) {
        String family = type == null ? "" : type.contains(".") ? type.substring(0, type.indexOf('.') + 1) : type;
        java.util.Set<String> names = prices().types.keySet();
        List<String> sameFamily = names.stream().filter(n -> !family.isEmpty() && n.startsWith(family)).toList();
        String otherwise = sameFamily.isEmpty() ? "families: " + String.join(", ", typeFamilies())
                : "types of that family: " + String.join(", ", sameFamily);
        return "unknown instance type '" + type + "' in catalogue " + name
                + Suggestions.suggestion(type, new ArrayList<>(names), otherwise);
    }

    private List<String> typeFamilies() {
        return prices().types.keySet().stream().map(n -> n.contains(".") ? n.substring(0, n.indexOf('.')) : n).distinct().toList();
    }

    /**
     * A service instance's cores: {@code cores} if set, else the instance type's vCPUs, else one per
     * worker (no CPU contention) — see the README's tour of a design.
     */
    public int cores(Integer cores, InstanceSpec instance, int concurrency) {
        if (cores != null) {
            return cores;
        }
        if (instance != null) {
            return type(instance.type()).vcpu();
        }
        return concurrency;
    }

    /** The default fraction off the on-demand price for spot instances. */
    public double spotDiscount() {
        return prices().spotDiscount;
    }

    /** The default rate at which one spot instance is interrupted, per hour. */
    public double spotInterruptionsPerHour() {
        return prices().spotInterruptionsPerHour;
    }

    /** The fraction off the on-demand price of a no-upfront standard reserved instance for {@code term}. */
    public double reservedDiscount(Term term) {
        return prices().reserved.get(term);
    }

    /** The published rate of a standard reserved {@code type} for {@code term} and {@code payment}, if the catalogue has one. */
    public Optional<CommitmentRate> reservedRate(String type, Term term, Payment payment) {
        return Optional.ofNullable(prices().rates.get(CommitmentRate.key(type, term, payment)));
    }

    /** Every published reserved-instance rate, by {@code type/term/payment}. */
    public Map<String, CommitmentRate> reservedRates() {
        return prices().rates;
    }

    /**
     * This catalogue with {@code extra} rates added (replacing its own for the same type, term and payment): a rate
     * file of the user's own ({@code headroom commitments --rates FILE}).
     */
    public PriceCatalogue withRates(List<CommitmentRate> extra) {
        Map<String, CommitmentRate> all = new TreeMap<>(prices().rates);
        for (CommitmentRate r : extra) {
            all.put(CommitmentRate.key(r.type(), r.term(), r.payment()), r);
        }
        return new PriceCatalogue(prices().withRates(all));
    }

    /** The fraction off the on-demand price at compute savings-plan rates for {@code term}. */
    public double savingsPlanDiscount(Term term) {
        return prices().savingsPlan.get(term);
    }

    /** One load balancer, per hour or partial hour (capacity-unit charges are not modelled). */
    public double loadBalancerUsdPerHour() {
        return prices().loadBalancerUsdPerHour;
    }

    /** Traffic between availability zones, per GB and per direction (charged on both sides). */
    public double crossZoneUsdPerGb() {
        return prices().crossZoneUsdPerGb;
    }

    /** The family of an instance type: {@code c7g} of {@code c7g.large}, {@code r6g} of {@code db.r6g.large} or {@code cache.r6g.large}. */
    public static String familyOf(String type) {
        String t = type.startsWith("db.") ? type.substring(3) : type.startsWith("cache.") ? type.substring(6) : type;
        int dot = t.indexOf('.');
        return dot < 0 ? t : t.substring(0, dot);
    }

    /** The speed of a busy vCPU of {@code type}'s family against the reference family, if the catalogue knows it. */
    public Optional<FamilySpec> family(String type) {
        return Optional.ofNullable(prices().families.get(familyOf(type)));
    }

    /**
     * How many times as long a CPU demand measured on {@code reference} takes on {@code type}: the reference family's speed
     * over the type's; 1 when either is null or its family unknown.
     */
    public double slowdown(String reference, String type) {
        if (reference == null || type == null) {
            return 1;
        }
        Optional<FamilySpec> ref = family(reference);
        Optional<FamilySpec> own = family(type);
        return ref.isEmpty() || own.isEmpty() ? 1 : ref.get().speed() / own.get().speed();
    }

    /**
     * The SMT gain of {@code type}'s vCPUs if they are hyperthreads (two busy siblings deliver this many times one
     * alone): the family's own, else the catalogue's; empty for a family of whole cores or one the catalogue does not know.
     */
    public java.util.OptionalDouble smtGain(String type) {
        Optional<FamilySpec> f = type == null ? Optional.empty() : family(type);
        if (f.isEmpty() || f.get().vcpu() != FamilySpec.Vcpu.HYPERTHREAD) {
            return java.util.OptionalDouble.empty();
        }
        return java.util.OptionalDouble.of(f.get().smtGain() != null ? f.get().smtGain() : prices().smtGain);
    }

    /** The baseline of burstable {@code type} (the fraction of each vCPU it uses without spending credits), if it is one. */
    public java.util.OptionalDouble burstableBaseline(String type) {
        Double b = type == null ? null : prices().burstable.get(type);
        return b == null ? java.util.OptionalDouble.empty() : java.util.OptionalDouble.of(b);
    }

    /** The burstable types the catalogue knows, with their baselines. */
    public Map<String, Double> burstableTypes() {
        return prices().burstable;
    }

    /**
     * The price of one vCPU-hour of surplus CPU credits on {@code type} (an unlimited burstable instance's bursts it has
     * not paid back): its family's own, else the catalogue's.
     */
    public double surplusUsdPerVcpuHour(String type) {
        Optional<FamilySpec> f = type == null ? Optional.empty() : family(type);
        return f.isPresent() && f.get().surplusUsdPerVcpuHour() != null ? f.get().surplusUsdPerVcpuHour() : prices().surplusUsdPerVcpuHour;
    }

    /** Every family whose speed the catalogue knows, by name. */
    public Map<String, FamilySpec> families() {
        return prices().families;
    }

    /** Data sent to another region, per GB (billed to the region it leaves). */
    public double interRegionUsdPerGb() {
        return prices().interRegionUsdPerGb;
    }

    /** Data sent out to the internet, per GB (the month's first tier). */
    public double internetUsdPerGb() {
        return prices().internetUsdPerGb;
    }

    /** A CDN's price per GB sent from its edges to the users. */
    public double cdnUsdPerGb() {
        return prices().cdn.usdPerGb();
    }

    /** A CDN's price per 10,000 requests its edges receive. */
    public double cdnUsdPer10kRequests() {
        return prices().cdn.usdPer10kRequests();
    }

    public FunctionPrice functionPrice(Architecture architecture) {
        return prices().functions.get(architecture);
    }

    @Override
    public String toString() {
        CataloguePrices p = prices;
        return "PriceCatalogue[" + name + (p == null ? ", prices not read yet]" : ", " + p.types.size() + " instance types]");
    }

}
