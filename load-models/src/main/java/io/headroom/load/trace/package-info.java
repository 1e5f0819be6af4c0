/**
 * Recorded load played back, the {@code trace:} injection step: a request series in CSV (counts or rates per
 * row) or an access log in Common/Combined Log Format, read one line at a time as its arrivals are pulled,
 * so a day of traffic never sits in memory; with a window, a speed-up and a scale, and every bad row
 * reported at its line. Its arrivals are streams of {@code io.headroom.load.arrival}; the load profile names
 * it as one of its steps.
 */
package io.headroom.load.trace;
