package io.headroom.pricing.plan;

import io.headroom.design.pricing.InstanceType;
import io.headroom.design.pricing.Normalization;
import io.headroom.design.pricing.Payment;
import io.headroom.design.pricing.PriceCatalogue;
import io.headroom.design.pricing.ReservedPrice;
import io.headroom.design.pricing.Term;
import io.headroom.pricing.CommitmentCoverage;
import io.headroom.pricing.UsageProfile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plans reserved instances and a compute savings plan for a usage curve that repeats over the term (a day or a week of a
 * run): the plan of least expected cost per hour, billed exactly as {@link io.headroom.pricing.CostLedger} bills it.
 *
 * <p><b>The cost.</b> A family {@code f} with {@code R_f} reserved instances of its smallest running size ({@code g_f}
 * normalization units each, {@code c_f} per hour) leaves, in segment {@code k} of the curve, {@code V_f,k(R_f)} USD per
 * hour of on-demand spend uncovered (size-flexible, smallest size first: {@link CommitmentCoverage#familyCoverage}).
 * With {@code U_k = Σ_f V_f,k(R_f)} (plus the EC2 types no reservation can cover) and a savings plan of {@code S} USD per
 * hour at discount {@code d}, which covers up to {@code u = S / (1 − d)} of it, the cost per hour is
 * <pre>  C(R, u) = Σ_f R_f c_f + (1 − d) u + Σ_k w_k (U_k − u)⁺ ,  w_k = the segment's share of the period.</pre>
 *
 * <p><b>The savings plan, exactly.</b> For fixed {@code R}, {@code C} is convex and piecewise linear in {@code u}, with
 * slope {@code (1 − d) − P(U > u)}; its minimum is at 0 or at one of the {@code U_k} (the largest level the spend exceeds
 * at least a share {@code 1 − d} of the time: the savings plan's break-even). A sort and one sweep evaluate every
 * breakpoint. <b>The reservations, exactly.</b> {@code C} is jointly convex in the continuous relaxation, but the
 * counts are whole numbers and the families are coupled through the savings plan, so no greedy step is trusted: every
 * count vector in a box is enumerated. The box is safe: the {@code j}-th reservation of a family can save at most its
 * family's highest on-demand price per unit times the units it would cover, {@code E[min(g, (N_f − (j−1) g)⁺)]}; once
 * that is below its price {@code c_f} it never pays, nor does any further one (the units they would cover only shrink),
 * whatever the savings plan does ({@code C} is 1-Lipschitz in each {@code U_k}). Ties go to the smaller commitment.
 * The work is the product of the boxes' sizes times the segments; {@link #MAX_WORK} bounds it.
 */
public final class CommitmentPlanner {
    /** The most (count vectors × segments) the planner enumerates before it refuses. */
    public static final long MAX_WORK = 400_000_000L;

    private CommitmentPlanner() {
    }

    /** The plan for {@code usage} repeated over {@code term}, reservations paid by {@code payment}, priced by {@code catalogue}. */
    public static CommitmentPlan plan(UsageProfile usage, PriceCatalogue catalogue, Term term, Payment payment) {
        Problem p = Problem.of(usage, catalogue, term, payment);
        int nf = p.families.size();
        int[] best = new int[nf];
        double bestCost = Double.POSITIVE_INFINITY;
        double bestU = 0;
        int[] r = new int[nf];
        double[] u = new double[p.k];
        long work = (long) p.k;
        for (Family f : p.families) {
            work *= f.v.length;
        }
        if (work > MAX_WORK) {
            throw new IllegalArgumentException("too many reservation counts to try exactly (" + work + " count vectors × segments, at most "
                    + MAX_WORK + "): plan over a shorter profile, or with fewer instance families");
        }
        while (true) {
            double fees = 0;
            for (int k = 0; k < p.k; k++) {
                u[k] = p.fixed[k];
            }
            for (int i = 0; i < nf; i++) {
                Family f = p.families.get(i);
                fees += r[i] * f.price.usdPerHour();
                double[] v = f.v[r[i]];
                for (int k = 0; k < p.k; k++) {
                    u[k] += v[k];
                }
            }
            double[] sp = bestSavingsPlan(u, p.w, p.planFactor);
            double cost = fees + sp[0];
            if (cost < bestCost - 1e-12) {
                bestCost = cost;
                best = r.clone();
                bestU = sp[1];
            }
            int i = 0;
            while (i < nf && ++r[i] == p.families.get(i).v.length) {
                r[i] = 0;
                i++;
            }
            if (i == nf) {
                break;
            }
        }
        return p.figures(best, bestU, term, payment);
    }

    /** The cost per hour of the plan {@code counts} (per family, in the order the planner found them) and plan level {@code u}. */
    static double cost(Problem p, int[] counts, double u) {
        double fees = 0;
        double[] uk = p.fixed.clone();
        for (int i = 0; i < counts.length; i++) {
            Family f = p.families.get(i);
            fees += counts[i] * f.price.usdPerHour();
            for (int k = 0; k < p.k; k++) {
                uk[k] += f.v[counts[i]][k];
            }
        }
        double c = fees + p.planFactor * u;
        for (int k = 0; k < p.k; k++) {
            c += p.w[k] * Math.max(0, uk[k] - u);
        }
        return c;
    }

    /**
     * The least of {@code factor · u + Σ w_k (U_k − u)⁺} over {@code u ≥ 0}: {cost, u}. The function is convex and
     * piecewise linear with breakpoints at the {@code U_k}, so its minimum is at 0 or at one of them; ties to the smaller u.
     */
    static double[] bestSavingsPlan(double[] spend, double[] w, double factor) {
        int n = spend.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(spend[b], spend[a]));
        double total = 0;
        for (int k = 0; k < n; k++) {
            total += w[k] * spend[k];
        }
        double bestCost = total; // u = 0
        double bestU = 0;
        double weightAbove = 0;
        double spendAbove = 0;
        int i = 0;
        while (i < n) {
            double level = spend[order[i]];
            if (level <= 0) {
                break;
            }
            // the spend strictly above this level is what the previous entries hold
            double c = factor * level + (spendAbove - weightAbove * level);
            if (c < bestCost - 1e-12 || (Math.abs(c - bestCost) <= 1e-12 && level < bestU)) {
                bestCost = c;
                bestU = level;
            }
            while (i < n && spend[order[i]] == level) {
                weightAbove += w[order[i]];
                spendAbove += w[order[i]] * spend[order[i]];
                i++;
            }
        }
        return new double[] {bestCost, bestU};
    }

    /** One family's reservations: the size bought, its price, and {@code v[j][k]}: spend uncovered in segment k with j of them. */
    record Family(String name, InstanceType buy, ReservedPrice price, double[][] v, double[][] coveredUnits, double[] runningUnits) {
    }

    /** The curve reduced to what the planner needs. */
    static final class Problem {
        final int k;
        final double[] w;
        final double[] fixed; // on-demand spend of types no reservation can cover, per segment
        final double[] onDemand; // all EC2 on-demand spend, per segment
        final List<Family> families = new ArrayList<>();
        final double planFactor;
        final double planDiscount;
        final double hours;

        private Problem(int k, double[] w, double[] fixed, double[] onDemand, double planDiscount, double hours) {
            this.k = k;
            this.w = w;
            this.fixed = fixed;
            this.onDemand = onDemand;
            this.planDiscount = planDiscount;
            this.planFactor = 1 - planDiscount;
            this.hours = hours;
        }

        static Problem of(UsageProfile usage, PriceCatalogue catalogue, Term term, Payment payment) {
            double hours = usage.totalHours();
            int k = usage.size();
            double[] w = new double[k];
            for (int i = 0; i < k; i++) {
                w[i] = hours > 0 ? usage.hours(i) / hours : 0;
            }
            List<InstanceType> types = usage.types();
            int nt = types.size();
            int[] family = new int[nt];
            long[] quarters = new long[nt];
            Map<String, Integer> fams = new LinkedHashMap<>();
            List<List<Integer>> members = new ArrayList<>();
            double[] fixed = new double[k];
            double[] onDemand = new double[k];
            boolean[] used = new boolean[nt];
            for (int i = 0; i < k; i++) {
                for (int t = 0; t < Math.min(nt, usage.counts()[i].length); t++) {
                    used[t] |= usage.counts()[i][t] > 0;
                }
            }
            for (int t = 0; t < nt; t++) {
                InstanceType type = types.get(t);
                family[t] = -1;
                if (type.service() != InstanceType.Service.EC2 || !used[t]) {
                    continue;
                }
                quarters[t] = Normalization.quarters(type.name());
                if (quarters[t] > 0) {
                    String f = PriceCatalogue.familyOf(type.name());
                    Integer idx = fams.get(f);
                    if (idx == null) {
                        idx = fams.size();
                        fams.put(f, idx);
                        members.add(new ArrayList<>());
                    }
                    family[t] = idx;
                    members.get(idx).add(t);
                }
                for (int i = 0; i < k; i++) {
                    int n = count(usage, i, t);
                    onDemand[i] += n * type.onDemandUsdPerHour();
                    if (quarters[t] == 0) {
                        fixed[i] += n * type.onDemandUsdPerHour();
                    }
                }
            }
            Problem p = new Problem(k, w, fixed, onDemand, catalogue.savingsPlanDiscount(term), hours);
            for (Map.Entry<String, Integer> e : fams.entrySet()) {
                List<Integer> ms = members.get(e.getValue());
                int buy = ms.get(0);
                double maxUnitPrice = 0;
                for (int t : ms) {
                    if (quarters[t] < quarters[buy]) {
                        buy = t;
                    }
                    maxUnitPrice = Math.max(maxUnitPrice, types.get(t).onDemandUsdPerHour() / quarters[t]);
                }
                long g = quarters[buy];
                ReservedPrice price = ReservedPrice.of(catalogue, types.get(buy), term, payment, null);
                double[] running = new double[k];
                long peak = 0;
                for (int i = 0; i < k; i++) {
                    long units = 0;
                    for (int t : ms) {
                        units += count(usage, i, t) * quarters[t];
                    }
                    running[i] = units;
                    peak = Math.max(peak, units);
                }
                // the box: the j-th reservation pays only while it can cover enough units
                int jmax = 0;
                while ((long) jmax * g < peak) {
                    double cover = 0;
                    for (int i = 0; i < k; i++) {
                        cover += w[i] * Math.min(g, Math.max(0, running[i] - (double) jmax * g));
                    }
                    if (price.usdPerHour() >= maxUnitPrice * cover) {
                        break;
                    }
                    jmax++;
                }
                double[][] v = new double[jmax + 1][k];
                double[][] covered = new double[jmax + 1][k];
                int[] onDem = new int[nt];
                int[] fam = new int[nt];
                Arrays.fill(fam, -1);
                for (int t : ms) {
                    fam[t] = 0;
                }
                for (int j = 0; j <= jmax; j++) {
                    for (int i = 0; i < k; i++) {
                        for (int t = 0; t < nt; t++) {
                            onDem[t] = fam[t] == 0 ? count(usage, i, t) : 0;
                        }
                        long[] c = CommitmentCoverage.familyCoverage(onDem, fam, quarters, new long[] {j * g});
                        double left = 0;
                        long cov = 0;
                        for (int t : ms) {
                            left += (double) (onDem[t] * quarters[t] - c[t]) / quarters[t] * types.get(t).onDemandUsdPerHour();
                            cov += c[t];
                        }
                        v[j][i] = left;
                        covered[j][i] = cov;
                    }
                }
                p.families.add(new Family(e.getKey(), types.get(buy), price, v, covered, running));
            }
            return p;
        }

        private static int count(UsageProfile usage, int i, int t) {
            int[] c = usage.counts()[i];
            return t < c.length ? c[t] : 0;
        }

        CommitmentPlan figures(int[] counts, double u, Term term, Payment payment) {
            // the savings plan as a user writes it: USD per hour to the millionth
            double s = Math.round(planFactor * u * 1e6) / 1e6;
            double level = s / planFactor;
            List<CommitmentPlan.Reservation> reserved = new ArrayList<>();
            double[] uk = fixed.clone();
            double odTotal = 0;
            double riCoveredUsd = 0;
            for (int i = 0; i < k; i++) {
                odTotal += w[i] * onDemand[i];
            }
            for (int f = 0; f < families.size(); f++) {
                Family fam = families.get(f);
                int n = counts[f];
                double coveredUnits = 0;
                double runningUnits = 0;
                double coveredUsd = 0;
                for (int i = 0; i < k; i++) {
                    uk[i] += fam.v[n][i];
                    coveredUnits += w[i] * fam.coveredUnits[n][i];
                    runningUnits += w[i] * fam.runningUnits[i];
                    coveredUsd += w[i] * (fam.v[0][i] - fam.v[n][i]);
                }
                riCoveredUsd += coveredUsd;
                if (n == 0) {
                    continue;
                }
                long g = Normalization.quarters(fam.buy.name());
                ReservedPrice pr = fam.price;
                double od = fam.buy.onDemandUsdPerHour();
                reserved.add(new CommitmentPlan.Reservation(fam.name, fam.buy.name(), n, pr.usdPerHour(), pr.upfrontUsd(), pr.hourlyUsd(), od,
                        od > 0 ? pr.usdPerHour() / od : 0, coveredUnits / ((double) n * g), runningUnits > 0 ? coveredUnits / runningUnits : 0,
                        coveredUsd - n * pr.usdPerHour(), pr.basis(), term));
            }
            double fees = 0;
            for (int f = 0; f < families.size(); f++) {
                fees += counts[f] * families.get(f).price.usdPerHour();
            }
            double planCovered = 0;
            double leftAfterRi = 0;
            double paid = 0;
            for (int i = 0; i < k; i++) {
                planCovered += w[i] * Math.min(uk[i], level);
                leftAfterRi += w[i] * uk[i];
                paid += w[i] * Math.max(0, uk[i] - level);
            }
            CommitmentPlan.SavingsPlan plan = s > 0 ? new CommitmentPlan.SavingsPlan(s, planDiscount, planCovered * planFactor / s,
                    leftAfterRi > 0 ? planCovered / leftAfterRi : 0, planCovered - s, term) : null;
            double total = fees + (s > 0 ? s : 0) + paid;
            double coverage = odTotal > 0 ? (riCoveredUsd + (s > 0 ? planCovered : 0)) / odTotal : 0;
            return new CommitmentPlan(term, payment, hours, odTotal, total, coverage, reserved, plan);
        }
    }
}
