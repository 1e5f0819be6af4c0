package io.headroom.design;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.headroom.design.pricing.InstanceSpec;
import io.headroom.yaml.AtMost;
import io.headroom.yaml.FieldError;
import io.headroom.yaml.Limits;
import io.headroom.yaml.QuantityDeserializers;
import java.util.Map;

/**
 * A service: {@code replicas} instances, each with {@code concurrency} workers (threads) in front
 * of which waits a FIFO {@code queue}, and {@code cores} CPUs that computing workers share equally
 * (processor sharing). Without {@code cores} every worker has a core of its own: a plain M/M/c-style
 * station. Requests are spread over instances by {@code dispatch}. {@code instance} says what each
 * instance is bought as (type and market): it prices the service and, without {@code cores}, gives
 * the cores (the type's vCPUs, through {@code PriceCatalogue.cores}).
 *
 * <p>A service with a {@code pod:} block runs as pods on the design's cluster; without {@code cores} a pod computes on
 * ⌈{@code pod.cpu-request}⌉ cores (at least one).
 *
 * <p>Lifecycle: a new instance runs after {@code startup} and takes traffic after a further
 * {@code readiness-delay}; one removed drains for at most {@code drain-timeout} (default 30 s, as
 * Kubernetes' termination grace period); {@code failures} crash and repair instances.
 *
 * @param description free text for people reading the design
 * @param replicas how many instances: a count, or {@code {initial, min, max}} for an autoscaler (default 1)
 * @param dispatch how requests are spread over the instances (default round-robin)
 * @param concurrency worker threads per instance; requests beyond them wait in the queue
 * @param cores CPUs per instance, shared by its computing workers (default: the instance type's vCPUs; without a type, one
 *                    core per worker)
 * @param queue the FIFO queue in front of each instance's workers (default: unbounded, no timeout)
 * @param endpoints the requests the service serves, by name: each one's CPU demand, off-CPU wait and calls
 * @param startup from launch to running, for a new instance (default 0)
 * @param readinessDelay from running to taking traffic, for a new instance (a readiness probe's delay; default 0)
 * @param drainTimeout how long a removed instance may finish its requests; what is left then is lost
 * @param failures instances crash and are repaired: the time between failures and the time to repair
 * @param instance what each instance is bought as (type, market): it prices the service and gives its cores
 * @param autoscaling one scaling policy, a list of them, or a Kubernetes HorizontalPodAutoscaler manifest
 * @param cpuRequest what a cpu autoscaling target is a fraction of (default: the cores)
 * @param pod runs the service as pods on the design's cluster: the pod's requests, startup and readiness
 * @param disruptionBudget a PodDisruptionBudget: how many pods may be down at once for voluntary disruptions
 * @param vertical a Vertical Pod Autoscaler acting on the pods' CPU requests
 * @param deployments releases of new versions during the run: when, with which strategy, and what changes
 */
public record ServiceSpec(
        String description,
        ReplicasSpec replicas,
        DispatchStrategy dispatch,
        @AtMost(value = Limits.WORKERS, why = Limits.WORKERS_WHY) Integer concurrency,
        @AtMost(value = Limits.CPUS, why = Limits.CPUS_WHY) @JsonDeserialize(using = QuantityDeserializers.WholeCpus.class) Integer cores,
        QueueSpec queue,
        Map<String, EndpointSpec> endpoints,
        java.time.Duration startup,
        java.time.Duration readinessDelay,
        java.time.Duration drainTimeout,
        io.headroom.design.faults.FailureSpec failures,
        InstanceSpec instance,
        io.headroom.design.autoscaling.Autoscaling autoscaling,
        @AtMost(value = Limits.CPUS, why = Limits.CPUS_WHY) @JsonDeserialize(using = QuantityDeserializers.Cpu.class) Double cpuRequest,
        io.headroom.design.cluster.PodSpec pod,
        io.headroom.design.cluster.DisruptionBudgetSpec disruptionBudget,
        io.headroom.design.cluster.VerticalSpec vertical,
        java.util.List<io.headroom.design.DeploymentSpec> deployments) implements ComponentSpec {

    /** Kubernetes' default terminationGracePeriodSeconds. */
    public static final java.time.Duration DEFAULT_DRAIN_TIMEOUT = java.time.Duration.ofSeconds(30);

    /** A service whose instances are ready at once, never fail, drain for the default time and have no type (not priced). */
    public ServiceSpec(String description, ReplicasSpec replicas, DispatchStrategy dispatch, Integer concurrency, Integer cores,
                       QueueSpec queue, Map<String, EndpointSpec> endpoints) {
        this(description, replicas, dispatch, concurrency, cores, queue, endpoints, null, null, null, null, null, null, null);
    }

    /** A service that runs as instances (no {@code pod:} block, no disruption budget). */
    public ServiceSpec(String description, ReplicasSpec replicas, DispatchStrategy dispatch, Integer concurrency, Integer cores,
                       QueueSpec queue, Map<String, EndpointSpec> endpoints, java.time.Duration startup,
                       java.time.Duration readinessDelay, java.time.Duration drainTimeout, io.headroom.design.faults.FailureSpec failures,
                       InstanceSpec instance, io.headroom.design.autoscaling.Autoscaling autoscaling, Double cpuRequest) {
        this(description, replicas, dispatch, concurrency, cores, queue, endpoints, startup, readinessDelay, drainTimeout, failures,
                instance, autoscaling, cpuRequest, null, null, null);
    }

    /** A service without deployments. */
    public ServiceSpec(String description, ReplicasSpec replicas, DispatchStrategy dispatch, Integer concurrency, Integer cores,
                       QueueSpec queue, Map<String, EndpointSpec> endpoints, java.time.Duration startup,
                       java.time.Duration readinessDelay, java.time.Duration drainTimeout, io.headroom.design.faults.FailureSpec failures,
                       InstanceSpec instance, io.headroom.design.autoscaling.Autoscaling autoscaling, Double cpuRequest,
                       io.headroom.design.cluster.PodSpec pod, io.headroom.design.cluster.DisruptionBudgetSpec disruptionBudget,
                       io.headroom.design.cluster.VerticalSpec vertical) {
        this(description, replicas, dispatch, concurrency, cores, queue, endpoints, startup, readinessDelay, drainTimeout, failures,
                instance, autoscaling, cpuRequest, pod, disruptionBudget, vertical, null);
    }

    /** This service with {@code a} as its autoscaling. */
    public ServiceSpec withAutoscaling(io.headroom.design.autoscaling.Autoscaling a) {
        return new ServiceSpec(description, replicas, dispatch, concurrency, cores, queue, endpoints, startup, readinessDelay,
                drainTimeout, failures, instance, a, cpuRequest, pod, disruptionBudget, vertical, deployments);
    }

    /** This service with {@code e} as its endpoints. */
    public ServiceSpec withEndpoints(Map<String, EndpointSpec> e) {
        return new ServiceSpec(description, replicas, dispatch, concurrency, cores, queue, e, startup, readinessDelay,
                drainTimeout, failures, instance, autoscaling, cpuRequest, pod, disruptionBudget, vertical, deployments);
    }

    /** The CPU request a pod or an instance declares ({@code pod.cpu-request}, else {@code cpu-request}); null if neither. */
    public Double requestedCpu() {
        return pod != null ? pod.cpuRequest() : cpuRequest;
    }

    /** True when the service runs as pods on the design's cluster. */
    public boolean onCluster() {
        return pod != null;
    }

    public ServiceSpec {
        if (cpuRequest != null) {
            FieldError.positive(cpuRequest, "cpu-request");
        }
        if (pod != null) {
            if (cpuRequest != null) {
                throw new FieldError("cpu-request", "give the CPU request once: a pod's is pod.cpu-request; remove cpu-request");
            }
            if (startup != null && !startup.isZero()) {
                throw new FieldError("startup", pod.startup() != null ? "a pod starts after pod.startup: remove startup"
                        : "a pod starts after pod.startup (image pull and container start, a distribution): write it there,"
                        + " e.g. pod: {startup: {dist: constant, value: " + io.headroom.yaml.Durations.format(startup) + "}}");
            }
            if (readinessDelay != null && !readinessDelay.isZero()) {
                throw new FieldError("readiness-delay", "a pod is ready by its pod.readiness probe (initial-delay, period): remove readiness-delay");
            }
            if (instance != null) {
                throw new FieldError("instance", "a pod runs on its node pool's instances and is priced through them: remove instance");
            }
            if (cores == null) {
                // without a CPU limit (not modelled yet) a pod computes on as many whole cores as it requests, at least one
                cores = Math.max(1, (int) Math.ceil(pod.cpuRequest() - 1e-9));
            }
            if (vertical != null && autoscaling != null && autoscaling.reads(io.headroom.design.autoscaling.Metric.CPU)) {
                throw new FieldError("vertical", "a VPA and an autoscaler both acting on CPU fight each other (upstream advises"
                        + " against it): scale horizontally on another metric (rps, latency-p95), or drop one");
            }
        } else if (disruptionBudget != null) {
            throw new FieldError("disruption-budget", "a PodDisruptionBudget applies to pods: give the service a pod: block");
        } else if (vertical != null) {
            throw new FieldError("vertical", "a Vertical Pod Autoscaler acts on pods: give the service a pod: block");
        }
        if (autoscaling != null && replicas != null && replicas.min().equals(replicas.max())
                && autoscaling.policies().stream().noneMatch(p -> p instanceof io.headroom.design.autoscaling.Scheduled
                || p instanceof io.headroom.design.autoscaling.Hpa h && h.setsReplicaBounds()
                || p instanceof io.headroom.design.autoscaling.Fixed)) {
            throw new FieldError("replicas", "an autoscaled service needs room to scale: give replicas: {initial: "
                    + replicas.initial() + ", min: ..., max: ...}");
        }
        startup = nonNegative(startup, "startup");
        readinessDelay = nonNegative(readinessDelay, "readiness-delay");
        drainTimeout = drainTimeout == null ? DEFAULT_DRAIN_TIMEOUT : nonNegative(drainTimeout, "drain-timeout");
        replicas = replicas == null ? ReplicasSpec.fixed(1) : replicas;
        FieldError outside = replicas.initialOutside("replicas.", initialOutsideWhy(autoscaling));
        if (outside != null && !(autoscaling != null
                && autoscaling.policies().stream().allMatch(p -> p instanceof io.headroom.design.autoscaling.Hpa))) {
            throw outside;
        }
        dispatch = dispatch == null ? DispatchStrategy.ROUND_ROBIN : dispatch;
        if (dispatch == DispatchStrategy.WEIGHTED) {
            throw new FieldError("dispatch", "weighted dispatch needs a weight per instance: put a load-balancer with"
                    + " weights in front of the service");
        }
        FieldError.positive(concurrency, "concurrency");
        if (cores != null) {
            FieldError.positive(cores, "cores");
        }
        queue = queue == null ? QueueSpec.UNBOUNDED : queue;
        endpoints = EndpointSpec.checked(endpoints, "a service", "10ms", true);
        deployments = checkedDeployments(deployments, endpoints, pod);
    }

    /** Deployments in time order, each new version's endpoints and pod changes ones the service has. */
    private static java.util.List<io.headroom.design.DeploymentSpec> checkedDeployments(
            java.util.List<io.headroom.design.DeploymentSpec> deployments, Map<String, EndpointSpec> endpoints,
            io.headroom.design.cluster.PodSpec pod) {
        if (deployments == null) {
            return java.util.List.of();
        }
        for (int k = 0; k < deployments.size(); k++) {
            io.headroom.design.DeploymentSpec d = deployments.get(k);
            if (d == null) {
                throw new FieldError("deployments[" + k + "]", "an empty deployment: give at least at and strategy");
            }
            if (k > 0 && d.at().compareTo(deployments.get(k - 1).at()) <= 0) {
                throw new FieldError("deployments[" + k + "].at", "deployments are in time order: " + io.headroom.yaml.Durations.format(d.at())
                        + " is not after " + io.headroom.yaml.Durations.format(deployments.get(k - 1).at()));
            }
            for (Map.Entry<String, io.headroom.design.EndpointChange> e : d.newVersion().endpoints().entrySet()) {
                if (!endpoints.containsKey(e.getKey())) {
                    throw new FieldError("deployments[" + k + "].new-version.endpoints." + e.getKey(), "'" + e.getKey()
                            + "' is not an endpoint of this service (endpoints: " + String.join(", ", endpoints.keySet()) + ")");
                }
                try {
                    e.getValue().applyTo(endpoints.get(e.getKey()));
                } catch (FieldError fe) {
                    throw new FieldError("deployments[" + k + "].new-version.endpoints." + e.getKey()
                            + (fe.field().isEmpty() ? "" : "." + fe.field()), fe.getMessage());
                }
            }
            if (d.newVersion().pod() != null && pod == null) {
                throw new FieldError("deployments[" + k + "].new-version.pod", "the service has no pod: block: a new version"
                        + " changes a pod's requests and startup; remove new-version.pod");
            }
            if (d.newVersion().pod() != null && d.newVersion().pod().cpuRequest() != null && pod.cpuLimit() != null
                    && d.newVersion().pod().cpuRequest() > pod.cpuLimit() + 1e-9) {
                throw new FieldError("deployments[" + k + "].new-version.pod.cpu-request", "above the pod's cpu-limit: the API"
                        + " server refuses a request above the limit");
            }
        }
        return java.util.List.copyOf(deployments);
    }

    /** Whether the service changes version during the run. */
    public boolean deploys() {
        return !deployments.isEmpty();
    }

    /**
     * Why {@code initial} must lie in [min, max] here: without autoscaling nothing moves the count; EC2 Auto Scaling
     * refuses a group whose desired capacity is outside its bounds. (An HPA alone accepts it: the controller moves
     * the count to the bound at its first sync, "Current number of replicas below Spec.MinReplicas".)
     */
    private static String initialOutsideWhy(io.headroom.design.autoscaling.Autoscaling autoscaling) {
        return autoscaling == null
                || autoscaling.policies().stream().allMatch(p -> p instanceof io.headroom.design.autoscaling.Fixed)
                ? "without autoscaling the count stays at initial; make them agree"
                : "EC2 Auto Scaling refuses a desired capacity outside [min, max]; start inside them"
                        + " (an hpa alone accepts it, and moves the count to the bound at its first sync)";
    }

    private static java.time.Duration nonNegative(java.time.Duration d, String field) {
        if (d == null) {
            return java.time.Duration.ZERO;
        }
        if (d.isNegative()) {
            throw new FieldError(field, "must not be negative, got " + io.headroom.yaml.Durations.format(d));
        }
        return d;
    }

    /** This service with {@code d} as its deployments. */
    public ServiceSpec withDeployments(java.util.List<DeploymentSpec> d) {
        return new ServiceSpec(description, replicas, dispatch, concurrency, cores, queue, endpoints, startup, readinessDelay,
                drainTimeout, failures, instance, autoscaling, cpuRequest, pod, disruptionBudget, vertical, d);
    }
}
