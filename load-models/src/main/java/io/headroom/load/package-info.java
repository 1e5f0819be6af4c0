/**
 * Load profiles: who arrives when and what they ask for. A {@link io.headroom.load.LoadProfile} is Gatling's
 * model step for step — open injection steps ({@code constantUsersPerSec}, {@code rampUsersPerSec},
 * {@code atOnceUsers}, …, plus {@code diurnal}, {@code spikes}, {@code piecewise} and trace replay) or a closed
 * model of concurrent users — with the endpoint mix, the popularity of request keys, a scenario, a scale and
 * a warm-up, so one profile drives both the simulator and a real Gatling run. Composes the sub-packages
 * (arrival streams, traces, scenarios, the closed model, keys) and builds on {@code yaml} and
 * {@code random}; the design reader, the simulator's load driver, the load preview and the validation read it.
 */
package io.headroom.load;
