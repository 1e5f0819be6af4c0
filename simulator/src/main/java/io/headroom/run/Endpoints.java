package io.headroom.run;

import java.util.ArrayList;
import java.util.List;

/**
 * The endpoints a run's requests go to, numbered for results: first the entry component's
 * endpoints in design order (labelled by name), then any other component's endpoint that a
 * scenario names (labelled {@code component.endpoint}). Each knows the station and the station's
 * own endpoint index.
 */
final class Endpoints {
    private final List<String> labels = new ArrayList<>();
    private final List<Integer> stations = new ArrayList<>();
    private final List<Integer> locals = new ArrayList<>();
    private int[] stationOf = new int[0];
    private int[] localOf = new int[0];

    /** The index of (station, local endpoint), registering it under {@code label} if new. */
    int register(String label, int station, int local) {
        for (int i = 0; i < labels.size(); i++) {
            if (stations.get(i) == station && locals.get(i) == local) {
                return i;
            }
        }
        labels.add(label);
        stations.add(station);
        locals.add(local);
        stationOf = stations.stream().mapToInt(Integer::intValue).toArray();
        localOf = locals.stream().mapToInt(Integer::intValue).toArray();
        return labels.size() - 1;
    }

    int size() {
        return labels.size();
    }

    String[] labels() {
        return labels.toArray(String[]::new);
    }

    int station(int endpoint) {
        return stationOf[endpoint];
    }

    int local(int endpoint) {
        return localOf[endpoint];
    }
}
