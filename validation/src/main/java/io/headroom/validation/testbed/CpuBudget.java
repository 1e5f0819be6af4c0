package io.headroom.validation.testbed;

import io.headroom.autoscale.Autoscaler;
import io.headroom.design.ComponentSpec;
import io.headroom.design.Design;
import io.headroom.design.DesignReader;
import io.headroom.design.EndpointSpec;
import io.headroom.design.ServiceSpec;
import io.headroom.design.pricing.PriceCatalogue;
import io.headroom.yaml.BadInputException;
import io.headroom.yaml.InputError;
import java.util.List;
import java.util.Map;

/**
 * How many of this machine's processors a design's CPU demand may take in the testbed. Each instance of a
 * service whose endpoints declare {@code demand} computes on a {@link CpuGate} of its cores (the simulator's:
 * {@code cores}, else the instance type's vCPUs, else one per worker); its requests only run as the simulator
 * says if each of those cores is a real processor, so the cores of all such instances at their largest
 * count (the autoscaler's {@code max}, else the fixed replicas) must fit in the machine, with one processor
 * left for Gatling, the HTTP servers and the JVM: {@code availableProcessors() - 1}, at least 1. The
 * system property {@value #PROPERTY} sets another budget (e.g. all the processors of a 2-core machine,
 * accepting that Gatling then competes with the computing workers).
 */
final class CpuBudget {
    /** The system property that overrides the budget (a whole number of processors). */
    static final String PROPERTY = "headroom.testbed.cpus";

    private CpuBudget() {
    }

    /** The processors CPU demand may take: {@value #PROPERTY} if set, else all but one, at least one. */
    static int processors() {
        String v = System.getProperty(PROPERTY);
        if (v != null) {
            try {
                return Math.max(1, Integer.parseInt(v.trim()));
            } catch (NumberFormatException e) {
                // an unreadable override is ignored: the default still protects the machine
            }
        }
        return Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
    }

    /** Whether some endpoint of {@code s} declares CPU demand. */
    static boolean computes(ServiceSpec s) {
        for (EndpointSpec e : s.endpoints().values()) {
            if (e.demand() != null) {
                return true;
            }
        }
        return false;
    }

    /** An instance's cores, as the simulator counts them. */
    static int cores(ServiceSpec s, PriceCatalogue catalogue) {
        return catalogue.cores(s.cores(), s.instance(), s.concurrency());
    }

    /** The most instances the service can have in the testbed. */
    static int maxInstances(ServiceSpec s) {
        return s.autoscaling() == null ? s.replicas().initial() : Autoscaler.of(s.autoscaling(), s.replicas()).maxReplicas();
    }

    /**
     * Adds a located error when the design's computing instances, at their largest count, need more cores than
     * {@code processors}, or when this JVM cannot measure a thread's CPU time; the error is on the first
     * service with demand, and names every service's share.
     */
    static void check(DesignReader.Loaded loaded, int processors, List<InputError> errors) throws BadInputException {
        Design d = loaded.design();
        PriceCatalogue catalogue = null;
        String first = null;
        int total = 0;
        StringBuilder shares = new StringBuilder();
        for (Map.Entry<String, ComponentSpec> c : d.components().entrySet()) {
            if (c.getValue() instanceof ServiceSpec s && computes(s)) {
                if (catalogue == null) {
                    catalogue = PriceCatalogue.resolve(d.pricing(), loaded.baseDir());
                    first = c.getKey();
                }
                int cores = cores(s, catalogue);
                int n = maxInstances(s);
                total += cores * n;
                shares.append(shares.length() == 0 ? "" : ", ").append(c.getKey()).append(' ').append(n).append(" x ")
                        .append(cores);
            }
        }
        if (first == null) {
            return;
        }
        String at = "components." + first;
        if (!CpuGate.threadCpuTimeSupported()) {
            errors.add(loaded.document().error(at, "this JVM does not measure per-thread CPU time, so the testbed cannot"
                    + " realise CPU demand: declare the work as wait"));
        } else if (total > processors) {
            errors.add(loaded.document().error(at, "the testbed computes CPU demand on real processors: at most " + total
                    + " cores at once (" + shares + ") but this machine gives it " + processors + " ("
                    + Runtime.getRuntime().availableProcessors() + " processors, one left for Gatling; -D" + PROPERTY
                    + "=N sets another budget): lower cores or the replicas' max, or declare the work as wait"));
        }
    }
}
