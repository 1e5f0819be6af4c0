package io.headroom.design.storage;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.headroom.yaml.AtMost;
import io.headroom.yaml.FieldError;
import io.headroom.yaml.Limits;
import io.headroom.yaml.QuantityDeserializers;

/** Data read back from one storage class, {@code per-day} bytes, billed at the class's retrieval price per GB. */
public record Retrieval(@com.fasterxml.jackson.annotation.JsonProperty("class") String storageClass,
                        @AtMost(value = Limits.BYTES, why = Limits.BYTES_WHY) @JsonDeserialize(using = QuantityDeserializers.Bytes.class) Long perDay) {
    public Retrieval {
        FieldError.require(storageClass, "class");
        if (FieldError.require(perDay, "per-day") < 0) {
            throw new FieldError("per-day", "bytes read a day cannot be negative, got " + perDay);
        }
    }
}
