package io.headroom.experiment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The Pareto frontier of designs judged on two costs to keep low (money and latency): the designs no
 * other design beats on one without losing on the other. A design is dominated when another is no
 * worse on both and better on at least one; the frontier is what is left, and the only designs worth
 * choosing between. Points with a missing value (NaN) are on no frontier.
 */
public final class Pareto {
    private Pareto() {
    }

    /** The indices of the non-dominated points of {@code (x[i], y[i])}, lower being better on both, by increasing x. */
    public static List<Integer> frontier(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("x and y differ in length");
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            if (!Double.isNaN(x[i]) && !Double.isNaN(y[i])) {
                order.add(i);
            }
        }
        order.sort(Comparator.<Integer>comparingDouble(i -> x[i]).thenComparingDouble(i -> y[i]).thenComparingInt(i -> i));
        List<Integer> out = new ArrayList<>();
        double bestY = Double.POSITIVE_INFINITY;
        int last = -1;
        for (int i : order) {
            if (y[i] < bestY) {
                out.add(i);
                bestY = y[i];
                last = i;
            } else if (last >= 0 && y[i] == y[last] && x[i] == x[last]) {
                out.add(i); // the same point twice: neither dominates the other
            }
        }
        return out;
    }
}
