package io.headroom.design.pricing;

/**
 * One row of a catalogue: an instance type, its vCPUs (what a service instance's {@code cores}
 * default to), its memory, and its on-demand price per hour. Most are EC2 types (Linux prices); a
 * managed database's DB instance class ({@code db.r6g.large}, priced per engine) and a cache's
 * ElastiCache node type ({@code cache.r6g.large}) are rows too, of their own {@link Service}: they are
 * billed as instances are, but compute savings plans do not cover them.
 */
public record InstanceType(String name, int vcpu, double memoryGib, double onDemandUsdPerHour, Service service) {
    /** The AWS service an instance type is bought from. */
    public enum Service {
        EC2, RDS, ELASTICACHE;

        /** Whether a compute savings plan covers its on-demand usage (EC2 only: AWS's compute savings plans do not apply to RDS or ElastiCache). */
        public boolean savingsPlanEligible() {
            return this == EC2;
        }
    }

    /** An EC2 instance type. */
    public InstanceType(String name, int vcpu, double memoryGib, double onDemandUsdPerHour) {
        this(name, vcpu, memoryGib, onDemandUsdPerHour, Service.EC2);
    }

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
        service = service == null ? Service.EC2 : service;
    }
}
