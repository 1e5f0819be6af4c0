package io.headroom.cache;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The rows of references/che_lru_zipf_reference.csv (see the README beside it), values as printed. */
record ZipfReference(String alpha, String items, String capacity, String cheT, String cheHitRatio, String lruMonteCarlo) {

    double exponent() {
        return Double.parseDouble(alpha);
    }

    int itemCount() {
        return Integer.parseInt(items);
    }

    int capacityKeys() {
        return Integer.parseInt(capacity);
    }

    @Override
    public String toString() {
        return "alpha " + alpha + ", N " + items + ", C " + capacity;
    }

    static List<ZipfReference> rows() {
        try (InputStream in = ZipfReference.class.getResourceAsStream("/references/che_lru_zipf_reference.csv")) {
            if (in == null) {
                throw new IllegalStateException("references/che_lru_zipf_reference.csv is not on the test class path");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String header = r.readLine();
            if (!header.startsWith("alpha,catalog_N,cache_C,che_T_C_in_requests,che_hit_ratio,lru_monte_carlo_hit_ratio")) {
                throw new IllegalStateException("unexpected header: " + header);
            }
            List<ZipfReference> rows = new ArrayList<>();
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split(",", -1);
                rows.add(new ZipfReference(f[0], f[1], f[2], f[3], f[4], f[5]));
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
