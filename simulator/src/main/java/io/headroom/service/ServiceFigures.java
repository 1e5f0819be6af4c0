package io.headroom.service;

/**
 * A service's figures at one instant, as results and the stability check read them: the requests waiting in its
 * queues now and, of the counted requests (those after the warm-up), how many reached it (attempts: with retries,
 * attempts outnumber requests), entered it (not rejected; per instance slot too), left it, were rejected or timed out
 * in a queue, and their mean time in it; with the calls its breakers fast-failed and the most instances present at once.
 *
 * @param meanSojournNs      mean time in the service of counted requests that left it, in ns (NaN if none left)
 * @param enteredPerInstance counted requests that entered each instance slot ever used
 */
public record ServiceFigures(int queued, long attempts, long arrivals, long departures, long rejected, long timedOut,
                             double meanSojournNs, long callsNotPermitted, int peakPresent, long[] enteredPerInstance) {
}
