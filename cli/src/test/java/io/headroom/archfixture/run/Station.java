package io.headroom.archfixture.run;

import io.headroom.archfixture.design.Spec;

/** The runtime side of ArchitectureTest's deliberate back-edge. */
public record Station(Spec spec) {
}
