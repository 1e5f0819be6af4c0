package io.headroom.design;

import io.headroom.yaml.AtMost;
import io.headroom.yaml.FieldError;
import io.headroom.yaml.Limits;
import java.time.Duration;

/**
 * The FIFO queue in front of each instance's workers. {@code capacity}: how many requests may wait
 * (more are rejected; 0 means none wait, unset means unbounded). {@code timeout}: the longest a
 * request waits before it gives up and leaves as a {@code timeout} (unset: it waits for ever).
 *
 * @param capacity how many requests may wait per instance; more are rejected (0: none wait; unset: unbounded)
 * @param timeout the longest a request waits before it leaves as a timeout (unset: it waits for ever)
 */
public record QueueSpec(@AtMost(value = Limits.QUEUE, why = Limits.QUEUE_WHY) Integer capacity, Duration timeout) {
    public QueueSpec {
        if (capacity != null && capacity < 0) {
            throw new FieldError("capacity", "must be zero or positive, got " + capacity);
        }
        if (timeout != null) {
            FieldError.positive(timeout, "timeout");
        }
    }

    public static final QueueSpec UNBOUNDED = new QueueSpec(null, null);

    public boolean bounded() {
        return capacity != null;
    }
}
