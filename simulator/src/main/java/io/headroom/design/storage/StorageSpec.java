package io.headroom.design.storage;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.headroom.yaml.AtMost;
import io.headroom.yaml.FieldError;
import io.headroom.yaml.Limits;
import io.headroom.yaml.QuantityDeserializers;
import java.time.Duration;
import java.util.List;

/**
 * Stored data billed by the month: a {@code bucket} (S3) or a {@code volume} (EBS), of {@code size}
 * bytes at the start of the run, growing by {@code growth-per-day}, in storage {@code class}. A volume may
 * provision {@code iops} and {@code throughput} (MB/s) beyond what its class includes. A bucket's
 * {@code lifecycle} moves each object to another class when it reaches an age; its data are taken to have
 * been written at the growth rate (so the oldest byte at the start is {@code size / growth-per-day} old), or,
 * without growth, to be {@code age} old; {@code object-size} turns bytes into the objects that transitions
 * are charged by; {@code retrievals} read data back from a class, per day.
 */
public record StorageSpec(String description, Kind type, @JsonProperty("class") String storageClass,
                          @AtMost(value = Limits.BYTES, why = Limits.BYTES_WHY) @JsonDeserialize(using = QuantityDeserializers.Bytes.class) Long size,
                          @AtMost(value = Limits.BYTES, why = Limits.BYTES_WHY) @JsonDeserialize(using = QuantityDeserializers.Bytes.class) Long growthPerDay,
                          Duration age,
                          @AtMost(value = Limits.BYTES, why = Limits.BYTES_WHY) @JsonDeserialize(using = QuantityDeserializers.Bytes.class) Long objectSize,
                          List<LifecycleRule> lifecycle, List<Retrieval> retrievals,
                          @AtMost(value = Limits.PRICE, why = Limits.PRICE_WHY) Long iops,
                          @AtMost(value = Limits.PRICE, why = Limits.PRICE_WHY) Double throughput) {

    /** What is stored: object storage or a block volume. */
    public enum Kind {
        BUCKET("bucket", "s3-"),
        VOLUME("volume", "ebs-"),
        /** A database's own storage (RDS, or an Aurora cluster volume); not written under {@code storage:}. */
        DATABASE("database", "rds-");

        private final String yamlName;
        private final String cataloguePrefix;

        Kind(String yamlName, String cataloguePrefix) {
            this.yamlName = yamlName;
            this.cataloguePrefix = cataloguePrefix;
        }

        /** The name as written in YAML. */
        @JsonValue
        public String yamlName() {
            return yamlName;
        }

        /** The catalogue key of a class of this kind: {@code s3-standard}, {@code ebs-gp3}, {@code rds-gp3}, an Aurora cluster volume's own. */
        public String catalogueKey(String storageClass) {
            return this == DATABASE && storageClass.startsWith("aurora") ? storageClass : cataloguePrefix + storageClass;
        }
    }

    /** The byte: a GB of AWS's storage bills is 2^30 of them. */
    public static final double BYTES_PER_GB = 1L << 30;

    public StorageSpec {
        FieldError.require(type, "type");
        FieldError.require(storageClass, "class");
        if (FieldError.require(size, "size") < 0) {
            throw new FieldError("size", "cannot be negative, got " + size);
        }
        growthPerDay = growthPerDay == null ? 0L : growthPerDay;
        if (growthPerDay < 0) {
            throw new FieldError("growth-per-day", "data shrinking is not modelled: give zero or more, got " + growthPerDay);
        }
        if (age != null && age.isNegative()) {
            throw new FieldError("age", "cannot be negative, got " + age);
        }
        if (age != null && growthPerDay > 0) {
            throw new FieldError("age", "a growing bucket's ages follow from its growth (the oldest byte is size / growth-per-day old):"
                    + " give age only without growth-per-day");
        }
        age = age == null ? Duration.ZERO : age;
        lifecycle = lifecycle == null ? List.of() : List.copyOf(lifecycle);
        retrievals = retrievals == null ? List.of() : List.copyOf(retrievals);
        if (type != Kind.BUCKET) {
            if (!lifecycle.isEmpty()) {
                throw new FieldError("lifecycle", "lifecycle transitions are for a bucket; a " + type.yamlName() + " keeps its class");
            }
            if (objectSize != null) {
                throw new FieldError("object-size", "objects are a bucket's; a " + type.yamlName() + " has none");
            }
        } else {
            if (iops != null) {
                throw new FieldError("iops", "a bucket has no provisioned IOPS; iops is a volume's");
            }
            if (throughput != null) {
                throw new FieldError("throughput", "a bucket has no provisioned throughput; throughput is a volume's");
            }
            for (int i = 1; i < lifecycle.size(); i++) {
                if (lifecycle.get(i) == null || lifecycle.get(i - 1) == null) {
                    continue;
                }
                if (lifecycle.get(i).after().compareTo(lifecycle.get(i - 1).after()) <= 0) {
                    throw new FieldError("lifecycle[" + i + "].after", "transitions must come in increasing age: "
                            + io.headroom.yaml.Durations.format(lifecycle.get(i).after()) + " is not after "
                            + io.headroom.yaml.Durations.format(lifecycle.get(i - 1).after()));
                }
            }
            for (int i = 0; i < lifecycle.size(); i++) {
                if (lifecycle.get(i) == null) {
                    throw new FieldError("lifecycle[" + i + "]", "an empty rule: e.g. {after: 30d, class: standard-ia}");
                }
            }
            if (!lifecycle.isEmpty() && objectSize == null) {
                throw new FieldError("object-size", "a lifecycle charges its transitions per object: give the bucket's object-size"
                        + " (e.g. 1Mi)");
            }
        }
        if (objectSize != null && objectSize < 1) {
            throw new FieldError("object-size", "must be at least 1 byte, got " + objectSize);
        }
        if (iops != null && iops < 0) {
            throw new FieldError("iops", "cannot be negative, got " + iops);
        }
        if (throughput != null && !(throughput >= 0)) {
            throw new FieldError("throughput", "MB/s, zero or more, got " + throughput);
        }
        for (int i = 0; i < retrievals.size(); i++) {
            if (retrievals.get(i) == null) {
                throw new FieldError("retrievals[" + i + "]", "an empty retrieval: e.g. {class: standard-ia, per-day: 10Gi}");
            }
        }
    }

    /** The classes this storage's data pass through, in order: its own, then each lifecycle rule's. */
    public List<String> classes() {
        List<String> out = new java.util.ArrayList<>();
        out.add(storageClass);
        lifecycle.forEach(r -> out.add(r.storageClass()));
        return out;
    }
}
