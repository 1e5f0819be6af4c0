package io.headroom.design.pricing;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.headroom.yaml.AtMost;
import io.headroom.yaml.FieldError;
import io.headroom.yaml.Fraction;
import io.headroom.yaml.Limits;
import io.headroom.yaml.QuantityDeserializers;
import java.util.List;

/**
 * A price catalogue as written in YAML (the bundled {@code aws-us-east-1} is one, and a design's
 * {@code pricing:} may name a user's own). Instance rows are given inline ({@code instances:}) or in
 * a CSV file ({@code instances-csv:}, relative to the catalogue) with the columns
 * {@code instance_type, vcpu, memory_gib, ondemand_usd_per_hour}; {@code base:} starts from a bundled
 * catalogue, whose rows and prices the file then adds to or overrides. Every other price is optional
 * and, without a base, defaults to the bundled {@code aws-us-east-1} value (see docs/pricing.md).
 * Managed services have rows of their own: RDS DB instance classes per engine ({@code database-classes:}
 * or {@code database-csv:}, columns {@code class, engine, vcpu, memory_gib, usd_per_hour}), ElastiCache
 * node types ({@code cache-nodes:} or {@code cache-csv:}, columns {@code node_type, vcpu, memory_gib,
 * usd_per_hour}), and {@code storage:} prices per storage class ({@link StoragePrice}), named
 * {@code ebs-gp3}, {@code rds-gp3}, {@code s3-standard} and so on. {@code commitment-rates-csv:} names a file of
 * published reserved-instance rates ({@link CommitmentRate}), which a reservation with {@code payment:} is priced by.
 */
public record CatalogueFile(String name, String description, String source, String base, List<Row> instances, String instancesCsv,
                            SpotSpec spot, Discounts reserved, Discounts savingsPlan, @AtMost(value = Limits.PRICE, why = Limits.PRICE_WHY) Double loadBalancerUsdPerHour,
                            @AtMost(value = Limits.PRICE, why = Limits.PRICE_WHY) Double crossZoneUsdPerGb, FunctionPrices function,
                            List<DatabaseRow> databaseClasses, String databaseCsv, List<Row> cacheNodes, String cacheCsv,
                            java.util.Map<String, StoragePrice> storage, CdnPrice cdn, TransferPrices transfer,
                            java.util.Map<String, FamilySpec> families, String commitmentRatesCsv, CpuSpec cpu) {

    /** A catalogue without CPU figures beyond the families' speeds (they default to the bundled catalogue's). */
    public CatalogueFile(String name, String description, String source, String base, List<Row> instances, String instancesCsv,
                         SpotSpec spot, Discounts reserved, Discounts savingsPlan, Double loadBalancerUsdPerHour, Double crossZoneUsdPerGb,
                         FunctionPrices function, List<DatabaseRow> databaseClasses, String databaseCsv, List<Row> cacheNodes,
                         String cacheCsv, java.util.Map<String, StoragePrice> storage, CdnPrice cdn, TransferPrices transfer,
                         java.util.Map<String, FamilySpec> families) {
        this(name, description, source, base, instances, instancesCsv, spot, reserved, savingsPlan, loadBalancerUsdPerHour,
                crossZoneUsdPerGb, function, databaseClasses, databaseCsv, cacheNodes, cacheCsv, storage, cdn, transfer, families, null, null);
    }

    /** A catalogue without CDN or transfer prices (they default to the bundled catalogue's). */
    public CatalogueFile(String name, String description, String source, String base, List<Row> instances, String instancesCsv,
                         SpotSpec spot, Discounts reserved, Discounts savingsPlan, Double loadBalancerUsdPerHour, Double crossZoneUsdPerGb,
                         FunctionPrices function, List<DatabaseRow> databaseClasses, String databaseCsv, List<Row> cacheNodes,
                         String cacheCsv, java.util.Map<String, StoragePrice> storage) {
        this(name, description, source, base, instances, instancesCsv, spot, reserved, savingsPlan, loadBalancerUsdPerHour,
                crossZoneUsdPerGb, function, databaseClasses, databaseCsv, cacheNodes, cacheCsv, storage, null, null, null, null, null);
    }

    public CatalogueFile {
        FieldError.require(name, "name");
        families = families == null ? java.util.Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(families));
        for (java.util.Map.Entry<String, FamilySpec> e : families.entrySet()) {
            if (e.getValue() == null) {
                throw new FieldError("families." + e.getKey(), "give the family's speed, e.g. " + e.getKey() + ": {speed: 1.2}");
            }
        }
        instances = instances == null ? List.of() : List.copyOf(instances);
        databaseClasses = databaseClasses == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(databaseClasses));
        cacheNodes = cacheNodes == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(cacheNodes));
        storage = storage == null ? java.util.Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(storage));
        if (loadBalancerUsdPerHour != null) {
            FieldError.nonNegative(loadBalancerUsdPerHour, "load-balancer-usd-per-hour");
        }
        if (crossZoneUsdPerGb != null) {
            FieldError.nonNegative(crossZoneUsdPerGb, "cross-zone-usd-per-gb");
        }
    }

    /** One instance type: {@code {name: c6i.large, vcpu: 2, memory-gib: 4, usd-per-hour: 0.085}}. */
    public record Row(String name, @AtMost(value = Limits.CPUS, why = Limits.CPUS_WHY) @JsonDeserialize(using = QuantityDeserializers.WholeCpus.class) Integer vcpu, @AtMost(value = Limits.MEMORY_GIB, why = Limits.MEMORY_GIB_WHY) Double memoryGib,
                      @AtMost(value = Limits.PRICE, why = Limits.PRICE_WHY) Double usdPerHour) {
        public Row {
            FieldError.require(name, "name");
            FieldError.positive(vcpu, "vcpu");
            FieldError.positive(memoryGib, "memory-gib");
            FieldError.nonNegative(usdPerHour, "usd-per-hour");
        }

        InstanceType toType() {
            return new InstanceType(name, vcpu, memoryGib, usdPerHour);
        }

        InstanceType toType(InstanceType.Service service) {
            return new InstanceType(name, vcpu, memoryGib, usdPerHour, service);
        }
    }

    /** One RDS DB instance class for one engine: {@code {class: db.r6g.large, engine: postgres, vcpu: 2, memory-gib: 16, usd-per-hour: 0.225}}. */
    public record DatabaseRow(@com.fasterxml.jackson.annotation.JsonProperty("class") String name, String engine,
                              @AtMost(value = Limits.CPUS, why = Limits.CPUS_WHY) @JsonDeserialize(using = QuantityDeserializers.WholeCpus.class) Integer vcpu,
                              @AtMost(value = Limits.MEMORY_GIB, why = Limits.MEMORY_GIB_WHY) Double memoryGib,
                              @AtMost(value = Limits.PRICE, why = Limits.PRICE_WHY) Double usdPerHour) {
        public DatabaseRow {
            FieldError.require(name, "class");
            FieldError.require(engine, "engine");
            FieldError.positive(vcpu, "vcpu");
            FieldError.positive(memoryGib, "memory-gib");
            FieldError.nonNegative(usdPerHour, "usd-per-hour");
        }

        InstanceType toType() {
            return new InstanceType(name, vcpu, memoryGib, usdPerHour, InstanceType.Service.RDS);
        }
    }

    /** A discount off the on-demand price for each commitment term: {@code {1y: 0.30, 3y: 0.50}}. */
    public record Discounts(@JsonProperty("1y") @AtMost(value = Limits.SHARE, why = Limits.SHARE_WHY, byRecord = true) @JsonDeserialize(using = Fraction.Deserializer.class) Double oneYear,
                            @JsonProperty("3y") @AtMost(value = Limits.SHARE, why = Limits.SHARE_WHY, byRecord = true) @JsonDeserialize(using = Fraction.Deserializer.class) Double threeYears) {
        public Discounts {
            check(oneYear, "1y");
            check(threeYears, "3y");
        }

        private static void check(Double d, String key) {
            if (d != null && !(d >= 0 && d < 1)) {
                throw new FieldError(key, "a discount is a fraction from 0 up to (not including) 1, got " + FieldError.number(d)
                        + Fraction.hint(d));
            }
        }
    }

    /**
     * A CDN's prices (CloudFront): {@code usd-per-gb} of data sent from its edges to the users and
     * {@code usd-per-10k-requests} (HTTPS requests the edges receive, hits and misses alike).
     */
    public record CdnPrice(@AtMost(value = Limits.PRICE, why = Limits.PRICE_WHY) Double usdPerGb,
                           @JsonProperty("usd-per-10k-requests") @AtMost(value = Limits.PRICE, why = Limits.PRICE_WHY) Double usdPer10kRequests) {
        public CdnPrice {
            FieldError.require(usdPerGb, "usd-per-gb");
            FieldError.require(usdPer10kRequests, "usd-per-10k-requests");
            FieldError.nonNegative(usdPerGb, "usd-per-gb");
            FieldError.nonNegative(usdPer10kRequests, "usd-per-10k-requests");
        }
    }

    /** Serverless function prices per architecture. */
    public record FunctionPrices(@JsonProperty("x86_64") FunctionPrice x86, @JsonProperty("arm64") FunctionPrice arm64) {
    }
}
