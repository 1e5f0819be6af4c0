package io.headroom.service;

/**
 * What each version of a service served, request by request, as a rollout's canary analysis reads it (Argo Rollouts
 * measures the canary's own requests). A request is its instance's version's once dispatch sent it to an instance:
 * it is reported once, when it leaves — answered, or failed there for any cause (its queue full or its wait out,
 * the endpoint's error rate, its calls failed or timed out, its instance lost). A request of an async endpoint is
 * reported when its calls end, as that is when its caller learns how it went. A request refused because no
 * instance was ready is no version's.
 */
@FunctionalInterface
public interface ServedSink {
    /**
     * @param version       the version of the instance the request was at
     * @param localEndpoint the service's endpoint (in the design's order)
     * @param failed        whether it failed
     * @param sojournNs     its time in the service, from its arrival at the instance (0 if refused at the door)
     */
    void served(int version, int localEndpoint, boolean failed, long sojournNs);
}
