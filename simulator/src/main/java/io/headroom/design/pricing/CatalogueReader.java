package io.headroom.design.pricing;

import io.headroom.yaml.BadInputException;
import io.headroom.yaml.InputError;
import io.headroom.yaml.Suggestions;
import io.headroom.yaml.YamlDocument;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where a {@link PriceCatalogue} comes from: a bundled catalogue (read once from the jar's resources, then shared), or a
 * catalogue file of the user's own ({@link CatalogueFile}) with its CSV files beside it. A file is laid over its
 * {@code base:} (or the default catalogue): its instance types, classes and rates are added to the base's, and every
 * price it leaves out is the base's. Every problem is located in the file, or in the CSV file it names.
 */
final class CatalogueReader {
    static final List<String> BUNDLED = List.of(PriceCatalogue.DEFAULT);
    private static final Map<String, PriceCatalogue> CACHE = new ConcurrentHashMap<>();

    private CatalogueReader() {
    }

    /** A bundled catalogue by name. */
    static PriceCatalogue bundled(String name) {
        if (!BUNDLED.contains(name)) {
            throw new IllegalArgumentException("no bundled catalogue '" + name + "' (bundled: " + String.join(", ", BUNDLED) + ")");
        }
        return CACHE.computeIfAbsent(name, n -> PriceCatalogue.readWhenUsed(n, () -> loadBundled(n)));
    }

    private static CataloguePrices loadBundled(String name) {
        String dir = "/io/headroom/pricing/" + name + "/";
        try {
            YamlDocument doc = YamlDocument.parse(Path.of(name, "catalogue.yaml"), "bundled catalogue " + name + " (catalogue.yaml)",
                    resource(dir + "catalogue.yaml"));
            CatalogueFile file = doc.bind(CatalogueFile.class);
            return build(file, doc, csv -> resource(dir + csv), null, true);
        } catch (BadInputException | IOException e) {
            throw new IllegalStateException("the bundled catalogue " + name + " is broken: " + e.getMessage(), e);
        }
    }

    private static String resource(String path) throws IOException {
        try (InputStream in = CatalogueReader.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IOException("missing resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** A catalogue file (YAML, see {@link CatalogueFile}); every problem is located in it. */
    static PriceCatalogue read(Path file) throws BadInputException {
        YamlDocument doc = YamlDocument.read(file);
        CatalogueFile cf = doc.bind(CatalogueFile.class);
        PriceCatalogue base = null;
        if (cf.base() != null) {
            if (!BUNDLED.contains(cf.base())) {
                throw new BadInputException(doc.error("base", "no bundled catalogue '" + cf.base() + "'"
                        + Suggestions.suggestion(cf.base(), BUNDLED, "bundled: " + String.join(", ", BUNDLED))));
            }
            base = bundled(cf.base());
        }
        return new PriceCatalogue(build(cf, doc, csv -> {
            Path p = doc.baseDir().resolve(csv);
            try {
                return Files.readString(p);
            } catch (NoSuchFileException e) {
                throw new IOException("instances-csv: file not found: " + p);
            }
        }, base == null ? null : base.prices(), false));
    }

    /**
     * The catalogue a design names with {@code pricing:} (null: the default): a bundled name, else a
     * file relative to the design's folder. A name that is neither is an error at {@code pricing}.
     */
    static PriceCatalogue forDesign(String pricing, YamlDocument design) throws BadInputException {
        if (pricing == null) {
            return PriceCatalogue.defaultCatalogue();
        }
        if (BUNDLED.contains(pricing)) {
            return bundled(pricing);
        }
        Path file = design.baseDir().resolve(pricing);
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(design.error("pricing", "'" + pricing + "' is neither a bundled catalogue ("
                    + String.join(", ", BUNDLED) + ") nor a catalogue file (no file " + file + ")"));
        }
        return read(file);
    }

    /** The catalogue for {@code pricing:} without a document to locate errors in (a path is relative to {@code baseDir}). */
    static PriceCatalogue resolve(String pricing, Path baseDir) throws BadInputException {
        if (pricing == null) {
            return PriceCatalogue.defaultCatalogue();
        }
        if (BUNDLED.contains(pricing)) {
            return bundled(pricing);
        }
        return read(baseDir.resolve(pricing));
    }

    private interface CsvSource {
        String text(String relative) throws IOException;
    }

    private static CataloguePrices build(CatalogueFile f, YamlDocument doc, CsvSource csv, CataloguePrices base, boolean bundled)
            throws BadInputException {
        List<InputError> errors = new ArrayList<>();
        CataloguePrices defaults = base != null ? base : bundled ? null : PriceCatalogue.defaultCatalogue().prices();
        Map<String, InstanceType> types = new TreeMap<>(base != null ? base.types : Map.of());
        if (f.instancesCsv() != null) {
            try {
                String text = csv.text(f.instancesCsv());
                String shown = Path.of(doc.displayName()).resolveSibling(f.instancesCsv()).toString(); // as the user names it
                if (bundled) {
                    shown = "bundled catalogue " + f.name() + " (" + f.instancesCsv() + ")";
                }
                for (InstanceType t : InstanceCsv.read(shown, text, errors)) {
                    types.put(t.name(), t);
                }
            } catch (IOException e) {
                errors.add(doc.error("instances-csv", e.getMessage()));
            }
        }
        for (int i = 0; i < f.instances().size(); i++) {
            CatalogueFile.Row r = f.instances().get(i);
            if (r == null) {
                errors.add(doc.error("instances[" + i + "]", "an empty row: give name, vcpu, memory-gib and usd-per-hour"));
                continue;
            }
            types.put(r.name(), r.toType());
        }
        Map<String, Map<String, InstanceType>> databases = new TreeMap<>();
        Map<String, InstanceType> cacheNodes = new TreeMap<>(base != null ? base.cacheNodes : Map.of());
        Map<String, StoragePrice> storage = new TreeMap<>(defaults != null ? defaults.storage : Map.of());
        if (base != null) {
            base.databases.forEach((engine, classes) -> databases.put(engine, new TreeMap<>(classes)));
        }
        if (f.databaseCsv() != null) {
            for (InstanceCsv.Row r : managedRows(f.databaseCsv(), "database-csv", InstanceCsv.Layout.RDS, f, doc, csv, bundled, errors)) {
                databases.computeIfAbsent(r.engine(), e -> new TreeMap<>()).put(r.type().name(), r.type());
            }
        }
        for (CatalogueFile.DatabaseRow r : f.databaseClasses()) {
            databases.computeIfAbsent(r.engine(), e -> new TreeMap<>()).put(r.name(), r.toType());
        }
        if (f.cacheCsv() != null) {
            for (InstanceCsv.Row r : managedRows(f.cacheCsv(), "cache-csv", InstanceCsv.Layout.ELASTICACHE, f, doc, csv, bundled, errors)) {
                cacheNodes.put(r.type().name(), r.type());
            }
        }
        for (CatalogueFile.Row r : f.cacheNodes()) {
            cacheNodes.put(r.name(), r.toType(InstanceType.Service.ELASTICACHE));
        }
        storage.putAll(f.storage());
        if (types.isEmpty() && errors.isEmpty()) {
            errors.add(doc.error("instances", "a catalogue needs instance types: instances: [{name: c6i.large, vcpu: 2,"
                    + " memory-gib: 4, usd-per-hour: 0.085}], or instances-csv:, or base: " + PriceCatalogue.DEFAULT));
        }
        Double spotDiscount = f.spot() != null ? f.spot().discount() : null;
        Double spotRate = f.spot() != null ? f.spot().interruptionsPerHour() : null;
        Map<Term, Double> reserved = discounts(f.reserved(), defaults == null ? null : defaults.reserved, "reserved", doc, errors);
        Map<Term, Double> plans = discounts(f.savingsPlan(), defaults == null ? null : defaults.savingsPlan, "savings-plan", doc, errors);
        Map<Architecture, FunctionPrice> fn = new EnumMap<>(Architecture.class);
        if (defaults != null) {
            fn.putAll(defaults.functions);
        }
        if (f.function() != null) {
            if (f.function().x86() != null) {
                fn.put(Architecture.X86_64, f.function().x86());
            }
            if (f.function().arm64() != null) {
                fn.put(Architecture.ARM64, f.function().arm64());
            }
        }
        double sd = value(spotDiscount, defaults == null ? null : defaults.spotDiscount, "spot.discount", doc, errors);
        double sr = value(spotRate, defaults == null ? null : defaults.spotInterruptionsPerHour, "spot.interruptions-per-hour", doc, errors);
        double lb = value(f.loadBalancerUsdPerHour(), defaults == null ? null : defaults.loadBalancerUsdPerHour,
                "load-balancer-usd-per-hour", doc, errors);
        double cz = value(f.crossZoneUsdPerGb(), defaults == null ? null : defaults.crossZoneUsdPerGb, "cross-zone-usd-per-gb", doc, errors);
        for (Architecture a : Architecture.values()) {
            if (!fn.containsKey(a)) {
                errors.add(doc.error("function", "no function prices for " + a.key()));
            }
        }
        if (!errors.isEmpty()) {
            throw new BadInputException(errors);
        }
        String source = f.source() != null ? f.source() : base != null ? base.source : "";
        TransferPrices t = f.transfer() == null ? new TransferPrices(null, null) : f.transfer();
        double interRegion = value(t.interRegionUsdPerGb(), defaults == null ? null : defaults.interRegionUsdPerGb,
                "transfer.inter-region-usd-per-gb", doc, errors);
        double internet = value(t.internetUsdPerGb(), defaults == null ? null : defaults.internetUsdPerGb,
                "transfer.internet-usd-per-gb", doc, errors);
        CatalogueFile.CdnPrice cdn = f.cdn() != null ? f.cdn() : defaults != null ? defaults.cdn : null;
        if (cdn == null) {
            errors.add(doc.error("cdn", "missing required key 'cdn' ({usd-per-gb: 0.085, usd-per-10k-requests: 0.01}), or base: "
                    + PriceCatalogue.DEFAULT));
        }
        if (!errors.isEmpty()) {
            throw new BadInputException(errors);
        }
        CataloguePrices c = new CataloguePrices(f.name(), source, types, sd, sr, reserved, plans, lb, cz, fn, databases, cacheNodes, storage, cdn);
        c.interRegionUsdPerGb = interRegion;
        c.internetUsdPerGb = internet;
        Map<String, FamilySpec> families = new TreeMap<>(defaults != null ? defaults.families : Map.of());
        families.putAll(f.families());
        c.families = Collections.unmodifiableMap(families);
        CpuSpec cpu = f.cpu();
        c.smtGain = cpu != null && cpu.smtGain() != null ? cpu.smtGain() : defaults != null ? defaults.smtGain : 2;
        c.surplusUsdPerVcpuHour = cpu != null && cpu.surplusUsdPerVcpuHour() != null ? cpu.surplusUsdPerVcpuHour()
                : defaults != null ? defaults.surplusUsdPerVcpuHour : 0;
        Map<String, Double> burst = new TreeMap<>(defaults != null ? defaults.burstable : Map.of());
        if (cpu != null) {
            burst.putAll(cpu.burstable());
        }
        c.burstable = Collections.unmodifiableMap(burst);
        Map<String, CommitmentRate> rates = new TreeMap<>(defaults != null ? defaults.rates : Map.of());
        if (f.commitmentRatesCsv() != null) {
            try {
                String text = csv.text(f.commitmentRatesCsv());
                String shown = bundled ? "bundled catalogue " + f.name() + " (" + f.commitmentRatesCsv() + ")"
                        : Path.of(doc.displayName()).resolveSibling(f.commitmentRatesCsv()).toString();
                for (CommitmentRate r : CommitmentRate.read(shown, text, errors)) {
                    rates.put(CommitmentRate.key(r.type(), r.term(), r.payment()), r);
                }
            } catch (IOException e) {
                errors.add(doc.error("commitment-rates-csv", e.getMessage().replace("instances-csv", "commitment-rates-csv")));
            }
            if (!errors.isEmpty()) {
                throw new BadInputException(errors);
            }
        }
        c.rates = Collections.unmodifiableMap(rates);
        return c;
    }

    private static List<InstanceCsv.Row> managedRows(String file, String key, InstanceCsv.Layout layout, CatalogueFile f, YamlDocument doc,
                                                     CsvSource csv, boolean bundled, List<InputError> errors) {
        try {
            String text = csv.text(file);
            String shown = bundled ? "bundled catalogue " + f.name() + " (" + file + ")" : Path.of(doc.displayName()).resolveSibling(file).toString();
            return InstanceCsv.read(shown, text, errors, layout);
        } catch (IOException e) {
            errors.add(doc.error(key, e.getMessage().replace("instances-csv", key)));
            return List.of();
        }
    }

    private static Map<Term, Double> discounts(CatalogueFile.Discounts d, Map<Term, Double> defaults, String key, YamlDocument doc,
                                               List<InputError> errors) {
        Map<Term, Double> out = new EnumMap<>(Term.class);
        if (defaults != null) {
            out.putAll(defaults);
        }
        if (d != null && d.oneYear() != null) {
            out.put(Term.ONE_YEAR, d.oneYear());
        }
        if (d != null && d.threeYears() != null) {
            out.put(Term.THREE_YEARS, d.threeYears());
        }
        for (Term t : Term.values()) {
            if (!out.containsKey(t)) {
                errors.add(doc.error(key, "missing the " + t.key() + " discount"));
            }
        }
        return out;
    }

    private static double value(Double given, Double fallback, String key, YamlDocument doc, List<InputError> errors) {
        if (given != null) {
            return given;
        }
        if (fallback != null) {
            return fallback;
        }
        errors.add(doc.error(key, "missing required key '" + key + "'"));
        return 0;
    }
}
