package io.headroom.design.pricing;

/**
 * One row of a catalogue: an EC2 instance type, its vCPUs (what a service instance's {@code cores}
 * default to), its memory, and its Linux on-demand price per hour.
 */
public record InstanceType(String name, int vcpu, double memoryGib, double onDemandUsdPerHour) {
    public InstanceType {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("an instance type needs a name");
        }
        if (vcpu < 1) {
            throw new IllegalArgumentException(name + ": vcpu must be at least 1, got " + vcpu);
        }
        if (!(memoryGib > 0) || Double.isInfinite(memoryGib)) {
            throw new IllegalArgumentException(name + ": memory must be a positive number of GiB, got " + memoryGib);
        }
        if (!(onDemandUsdPerHour >= 0) || Double.isInfinite(onDemandUsdPerHour)) {
            throw new IllegalArgumentException(name + ": the price must be zero or positive, got " + onDemandUsdPerHour);
        }
    }
}
