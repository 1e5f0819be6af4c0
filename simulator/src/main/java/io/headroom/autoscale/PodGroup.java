package io.headroom.autoscale;

/**
 * How the HPA's {@code groupPods} files a pod before it averages a metric: counted (READY),
 * unready (at 0 % on a scale-up, else left out), missing its metric (100 % on a scale-down, 0 % on a
 * scale-up) or ignored (being deleted or failed).
 */
public enum PodGroup {
    READY, UNREADY, MISSING, IGNORED
}
