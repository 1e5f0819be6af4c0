package io.headroom.yaml;

import java.util.List;

/**
 * A custom Jackson type-id resolver ({@code @JsonTypeIdResolver}) that can list the names it accepts,
 * in the order a message should offer them: what an unknown or missing {@code type:} is told to use.
 */
public interface TypeIdNames {
    /** Every type id the resolver binds. */
    List<String> typeIdNames();
}
