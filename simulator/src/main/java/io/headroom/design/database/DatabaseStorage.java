package io.headroom.design.database;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.headroom.design.storage.StorageSpec;
import io.headroom.yaml.AtMost;
import io.headroom.yaml.FieldError;
import io.headroom.yaml.Limits;
import io.headroom.yaml.QuantityDeserializers;

/**
 * A database's own storage, billed by the GB-month: {@code size} at the start of the run, growing by
 * {@code growth-per-day}, in {@code class} — an RDS volume ({@code gp3}, the default, {@code gp2}, {@code io1}) with its
 * provisioned {@code iops}, or an Aurora cluster volume ({@code aurora-standard}, {@code aurora-io-optimized}). RDS keeps
 * a volume per DB instance (the primary and each replica, per shard); an Aurora cluster one volume per shard. A database
 * run on EC2 (its instance an EC2 type) keeps an EBS volume per instance, priced as one.
 */
public record DatabaseStorage(@JsonProperty("class") String storageClass,
                              @AtMost(value = Limits.BYTES, why = Limits.BYTES_WHY) @JsonDeserialize(using = QuantityDeserializers.Bytes.class) Long size,
                              @AtMost(value = Limits.BYTES, why = Limits.BYTES_WHY) @JsonDeserialize(using = QuantityDeserializers.Bytes.class) Long growthPerDay,
                              @AtMost(value = Limits.PRICE, why = Limits.PRICE_WHY) Long iops) {
    public DatabaseStorage {
        storageClass = storageClass == null ? "gp3" : storageClass;
        FieldError.require(size, "size");
        if (iops != null && iops < 0) {
            throw new FieldError("iops", "cannot be negative, got " + iops);
        }
        if (storageClass.startsWith("aurora") && iops != null) {
            throw new FieldError("iops", "an Aurora cluster volume has no provisioned IOPS (it bills I/O itself): remove iops");
        }
    }

    /** An Aurora cluster volume rather than an RDS instance's. */
    public boolean aurora() {
        return storageClass.startsWith("aurora");
    }

    /** As a store of data to bill: an RDS (or Aurora) volume when {@code managed}, else the EBS volume of a database run on EC2. */
    public StorageSpec toSpec(boolean managed) {
        return new StorageSpec(null, managed ? StorageSpec.Kind.DATABASE : StorageSpec.Kind.VOLUME, storageClass, size, growthPerDay,
                null, null, null, null, iops, null);
    }
}
