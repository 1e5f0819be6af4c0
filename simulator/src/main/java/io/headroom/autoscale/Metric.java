package io.headroom.autoscale;

/** What a scaling policy reads (placeholder until the policy package lands). */
public enum Metric {
    CPU, UTILISATION, QUEUE_LENGTH, RPS, LATENCY_P95, RPS_TOTAL
}
