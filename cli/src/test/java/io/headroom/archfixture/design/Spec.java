package io.headroom.archfixture.design;

import io.headroom.archfixture.run.Station;

/** A deliberate back-edge for ArchitectureTest: a YAML record that builds its runtime station. */
public record Spec(int workers) {
    public Station newStation() {
        return new Station(this);
    }
}
