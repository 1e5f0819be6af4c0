/**
 * The discrete-event engine: one replication's clock and event loop ({@link io.headroom.engine.Simulation})
 * and its pending events ({@link io.headroom.engine.EventQueue}), ordered by time and then by the order they
 * were scheduled, so a run is a pure function of its inputs. Events are timers and one-shot slots in
 * primitive arrays, told apart by a small integer handed to a shared {@link io.headroom.engine.EventHandler}:
 * scheduling allocates nothing. Knows no domain; components, the fleet and the run schedule their work here.
 */
package io.headroom.engine;
