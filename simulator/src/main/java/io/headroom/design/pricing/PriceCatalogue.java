package io.headroom.design.pricing;

import io.headroom.yaml.BadInputException;
import io.headroom.yaml.FieldError;
import io.headroom.yaml.Suggestions;
import io.headroom.yaml.YamlDocument;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The prices a design is costed with: instance types (vCPUs, memory, on-demand USD per hour) and
 * the other prices a run can incur — the spot discount and interruption rate, reserved-instance and
 * savings-plan discounts per term, a load balancer per hour, cross-zone traffic per GB (each
 * direction), and serverless functions per GB-second and per request. A design names one with
 * {@code pricing:}: a bundled catalogue ({@value #DEFAULT}, the default) or a catalogue file of its
 * own, relative to the design. Managed services have rows of their own, kept apart from the EC2
 * types (a Karpenter NodePool or a Cluster Autoscaler group picks only EC2 types): RDS DB instance
 * classes per engine ({@link #databaseClass}), ElastiCache node types ({@link #cacheNode}), and storage
 * classes ({@link #storage}). Immutable, so one catalogue serves runs in parallel.
 */
public final class PriceCatalogue {
    /** The catalogue a design without {@code pricing:} is costed with. */
    public static final String DEFAULT = "aws-us-east-1";

    // package-private for CatalogueReader alone, which lays a file over its base and sets what has defaults once
    final String name;
    final String source;
    final Map<String, InstanceType> types;
    final double spotDiscount;
    final double spotInterruptionsPerHour;
    final Map<Term, Double> reserved;
    final Map<Term, Double> savingsPlan;
    final double loadBalancerUsdPerHour;
    final double crossZoneUsdPerGb;
    double interRegionUsdPerGb;
    Map<String, FamilySpec> families = Map.of();
    double smtGain = 2;
    double surplusUsdPerVcpuHour;
    Map<String, Double> burstable = Map.of();
    Map<String, CommitmentRate> rates = Map.of();
    double internetUsdPerGb;
    final Map<Architecture, FunctionPrice> functions;
    final Map<String, Map<String, InstanceType>> databases;
    final Map<String, InstanceType> cacheNodes;
    final Map<String, StoragePrice> storage;
    final CatalogueFile.CdnPrice cdn;

    PriceCatalogue(String name, String source, Map<String, InstanceType> types, double spotDiscount,
                   double spotInterruptionsPerHour, Map<Term, Double> reserved, Map<Term, Double> savingsPlan,
                   double loadBalancerUsdPerHour, double crossZoneUsdPerGb, Map<Architecture, FunctionPrice> functions,
                   Map<String, Map<String, InstanceType>> databases, Map<String, InstanceType> cacheNodes,
                   Map<String, StoragePrice> storage, CatalogueFile.CdnPrice cdn) {
        this.name = name;
        this.cdn = cdn;
        this.source = source;
        this.types = Collections.unmodifiableMap(new TreeMap<>(types));
        this.spotDiscount = spotDiscount;
        this.spotInterruptionsPerHour = spotInterruptionsPerHour;
        this.reserved = Collections.unmodifiableMap(new EnumMap<>(reserved));
        this.savingsPlan = Collections.unmodifiableMap(new EnumMap<>(savingsPlan));
        this.loadBalancerUsdPerHour = loadBalancerUsdPerHour;
        this.crossZoneUsdPerGb = crossZoneUsdPerGb;
        this.functions = Collections.unmodifiableMap(new EnumMap<>(functions));
        Map<String, Map<String, InstanceType>> dbs = new TreeMap<>();
        databases.forEach((engine, classes) -> dbs.put(engine, Collections.unmodifiableMap(new TreeMap<>(classes))));
        this.databases = Collections.unmodifiableMap(dbs);
        this.cacheNodes = Collections.unmodifiableMap(new TreeMap<>(cacheNodes));
        this.storage = Collections.unmodifiableMap(new TreeMap<>(storage));
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
        return source;
    }

    /** Every instance type, by name. */
    public Map<String, InstanceType> types() {
        return types;
    }

    public Optional<InstanceType> find(String type) {
        return Optional.ofNullable(types.get(type));
    }

    /** The engines the catalogue prices DB instance classes for. */
    public java.util.Set<String> databaseEngines() {
        return databases.keySet();
    }

    /**
     * The RDS DB instance class {@code name} as priced for {@code engine}; an unknown one is a
     * {@link FieldError} at {@code type} naming the classes the engine has.
     */
    public InstanceType databaseClass(String engine, String name) {
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
        InstanceType t = cacheNodes.get(name);
        if (t == null) {
            throw new FieldError("type", "unknown ElastiCache node type '" + name + "' in catalogue " + this.name
                    + Suggestions.suggestion(name, new ArrayList<>(cacheNodes.keySet()), "node types: " + String.join(", ", cacheNodes.keySet())));
        }
        return t;
    }

    /** Every ElastiCache node type, by name. */
    public Map<String, InstanceType> cacheNodes() {
        return cacheNodes;
    }

    /** The price of storage class {@code key} ({@code ebs-gp3}, {@code rds-gp3}, {@code s3-standard}…), if the catalogue has it. */
    public Optional<StoragePrice> storage(String key) {
        return Optional.ofNullable(storage.get(key));
    }

    /** Every storage class priced, by key. */
    public Map<String, StoragePrice> storageClasses() {
        return storage;
    }

    /**
     * The row of an instance type; an unknown name is a {@link FieldError} at {@code type} with the
     * nearest name when one is a few letters off.
     */
    public InstanceType type(String type) {
        InstanceType t = types.get(type);
        if (t == null) {
            throw new FieldError("type", unknownType(type));
        }
        return t;
    }

    /** "unknown instance type 'c6i.lrge' in catalogue aws-us-east-1: did you mean 'c6i.large'?" */
    public String unknownType(String type) {
        String family = type == null ? "" : type.contains(".") ? type.substring(0, type.indexOf('.') + 1) : type;
        List<String> sameFamily = types.keySet().stream().filter(n -> !family.isEmpty() && n.startsWith(family)).toList();
        String otherwise = sameFamily.isEmpty() ? "families: " + String.join(", ", typeFamilies())
                : "types of that family: " + String.join(", ", sameFamily);
        return "unknown instance type '" + type + "' in catalogue " + name
                + Suggestions.suggestion(type, new ArrayList<>(types.keySet()), otherwise);
    }

    private List<String> typeFamilies() {
        return types.keySet().stream().map(n -> n.contains(".") ? n.substring(0, n.indexOf('.')) : n).distinct().toList();
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
        return spotDiscount;
    }

    /** The default rate at which one spot instance is interrupted, per hour. */
    public double spotInterruptionsPerHour() {
        return spotInterruptionsPerHour;
    }

    /** The fraction off the on-demand price of a no-upfront standard reserved instance for {@code term}. */
    public double reservedDiscount(Term term) {
        return reserved.get(term);
    }

    /** The published rate of a standard reserved {@code type} for {@code term} and {@code payment}, if the catalogue has one. */
    public Optional<CommitmentRate> reservedRate(String type, Term term, Payment payment) {
        return Optional.ofNullable(rates.get(CommitmentRate.key(type, term, payment)));
    }

    /** Every published reserved-instance rate, by {@code type/term/payment}. */
    public Map<String, CommitmentRate> reservedRates() {
        return rates;
    }

    /**
     * This catalogue with {@code extra} rates added (replacing its own for the same type, term and payment): a rate
     * file of the user's own ({@code headroom commitments --rates FILE}).
     */
    public PriceCatalogue withRates(List<CommitmentRate> extra) {
        PriceCatalogue c = new PriceCatalogue(name, source, types, spotDiscount, spotInterruptionsPerHour, reserved, savingsPlan,
                loadBalancerUsdPerHour, crossZoneUsdPerGb, functions, databases, cacheNodes, storage, cdn);
        c.interRegionUsdPerGb = interRegionUsdPerGb;
        c.internetUsdPerGb = internetUsdPerGb;
        c.families = families;
        Map<String, CommitmentRate> all = new TreeMap<>(rates);
        for (CommitmentRate r : extra) {
            all.put(CommitmentRate.key(r.type(), r.term(), r.payment()), r);
        }
        c.rates = Collections.unmodifiableMap(all);
        return c;
    }

    /** The fraction off the on-demand price at compute savings-plan rates for {@code term}. */
    public double savingsPlanDiscount(Term term) {
        return savingsPlan.get(term);
    }

    /** One load balancer, per hour or partial hour (capacity-unit charges are not modelled). */
    public double loadBalancerUsdPerHour() {
        return loadBalancerUsdPerHour;
    }

    /** Traffic between availability zones, per GB and per direction (charged on both sides). */
    public double crossZoneUsdPerGb() {
        return crossZoneUsdPerGb;
    }

    /** The family of an instance type: {@code c7g} of {@code c7g.large}, {@code r6g} of {@code db.r6g.large} or {@code cache.r6g.large}. */
    public static String familyOf(String type) {
        String t = type.startsWith("db.") ? type.substring(3) : type.startsWith("cache.") ? type.substring(6) : type;
        int dot = t.indexOf('.');
        return dot < 0 ? t : t.substring(0, dot);
    }

    /** The speed of a busy vCPU of {@code type}'s family against the reference family, if the catalogue knows it. */
    public Optional<FamilySpec> family(String type) {
        return Optional.ofNullable(families.get(familyOf(type)));
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
        return java.util.OptionalDouble.of(f.get().smtGain() != null ? f.get().smtGain() : smtGain);
    }

    /** The baseline of burstable {@code type} (the fraction of each vCPU it uses without spending credits), if it is one. */
    public java.util.OptionalDouble burstableBaseline(String type) {
        Double b = type == null ? null : burstable.get(type);
        return b == null ? java.util.OptionalDouble.empty() : java.util.OptionalDouble.of(b);
    }

    /** The burstable types the catalogue knows, with their baselines. */
    public Map<String, Double> burstableTypes() {
        return burstable;
    }

    /**
     * The price of one vCPU-hour of surplus CPU credits on {@code type} (an unlimited burstable instance's bursts it has
     * not paid back): its family's own, else the catalogue's.
     */
    public double surplusUsdPerVcpuHour(String type) {
        Optional<FamilySpec> f = type == null ? Optional.empty() : family(type);
        return f.isPresent() && f.get().surplusUsdPerVcpuHour() != null ? f.get().surplusUsdPerVcpuHour() : surplusUsdPerVcpuHour;
    }

    /** Every family whose speed the catalogue knows, by name. */
    public Map<String, FamilySpec> families() {
        return families;
    }

    /** Data sent to another region, per GB (billed to the region it leaves). */
    public double interRegionUsdPerGb() {
        return interRegionUsdPerGb;
    }

    /** Data sent out to the internet, per GB (the month's first tier). */
    public double internetUsdPerGb() {
        return internetUsdPerGb;
    }

    /** A CDN's price per GB sent from its edges to the users. */
    public double cdnUsdPerGb() {
        return cdn.usdPerGb();
    }

    /** A CDN's price per 10,000 requests its edges receive. */
    public double cdnUsdPer10kRequests() {
        return cdn.usdPer10kRequests();
    }

    public FunctionPrice functionPrice(Architecture architecture) {
        return functions.get(architecture);
    }

    @Override
    public String toString() {
        return "PriceCatalogue[" + name + ", " + types.size() + " instance types]";
    }

}
