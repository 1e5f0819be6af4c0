package io.headroom.slo;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * A multiwindow, multi-burn-rate alert as the Google SRE workbook recommends (chapter 5, "Alerting
 * on SLOs", table 5-8): it fires while the error budget burns at least {@code burnRate} times too fast
 * over both a long window (so it is significant) and a short one (so it stops soon after the burning
 * does). For a 30-day budget: page at 14.4× over 1 h and 5 m (2 % of the budget in an hour), page at
 * 6× over 6 h and 30 m (5 % in six hours), ticket at 1× over 3 d and 6 h (10 % in three days). For
 * another period the burn rates scale by period / 30 d, so each rule still means the same share of
 * the budget.
 */
record BurnRateRule(String severity, double burnRate, Duration longWindow, Duration shortWindow) {

    /** The workbook's three rules, burn rates scaled by {@code periodScale} (period / 30 d). */
    static List<BurnRateRule> workbook(double periodScale) {
        return List.of(new BurnRateRule("page", 14.4 * periodScale, Duration.ofHours(1), Duration.ofMinutes(5)),
                new BurnRateRule("page", 6 * periodScale, Duration.ofHours(6), Duration.ofMinutes(30)),
                new BurnRateRule("ticket", 1 * periodScale, Duration.ofDays(3), Duration.ofHours(6)));
    }

    /** How reviewers name it: {@code page: burn rate 14.4 over 1h and 5m}. */
    String label() {
        return String.format(Locale.ROOT, "%s: burn rate %s over %s and %s", severity, number(burnRate), span(longWindow),
                span(shortWindow));
    }

    private static String number(double v) {
        String s = String.format(Locale.ROOT, "%.3f", v);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    private static String span(Duration d) {
        long s = d.toSeconds();
        return s % 86_400 == 0 ? s / 86_400 + "d" : s % 3600 == 0 ? s / 3600 + "h" : s % 60 == 0 ? s / 60 + "m" : s + "s";
    }
}
