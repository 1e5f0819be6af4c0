package io.headroom.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.headroom.design.DesignReader;
import io.headroom.design.pricing.CommitmentRate;
import io.headroom.design.pricing.Payment;
import io.headroom.design.pricing.PriceCatalogue;
import io.headroom.design.pricing.Term;
import io.headroom.pricing.UsageProfile;
import io.headroom.pricing.plan.CommitmentPlan;
import io.headroom.pricing.plan.CommitmentPlanner;
import io.headroom.report.AtomicFiles;
import io.headroom.run.RunOptions;
import io.headroom.run.WorkEstimate;
import io.headroom.yaml.BadInputException;
import io.headroom.yaml.InputError;
import io.headroom.yaml.Mark;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code headroom commitments DESIGN --load PROFILE}: run the design once, take its on-demand instances over time as the
 * period that repeats over the term, and plan the reserved instances and the compute savings plan of least cost
 * ({@link CommitmentPlanner}); print the table and write {@code commitments.json} and {@code commitments.yaml} (the
 * {@code commitments:} block to paste into the design).
 */
@Command(name = "commitments", mixinStandardHelpOptions = true, versionProvider = Headroom.Version.class,
        description = "Plan reserved instances (size-flexible per family) and a compute savings plan from a run's on-demand instances,"
                + " the profile's period repeated over the term; write commitments.json and commitments.yaml.")
final class CommitmentsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DESIGN", description = "the design YAML")
    Path design;

    @Option(names = {"-l", "--load"}, required = true, paramLabel = "PROFILE",
            description = "the load profile: a day or a week, the period that repeats over the term")
    Path load;

    @Option(names = "--term", defaultValue = "1y", paramLabel = "1y|3y", description = "the commitments' term (default: ${DEFAULT-VALUE})")
    String term;

    @Option(names = "--payment", defaultValue = "no-upfront", paramLabel = "OPTION",
            description = "how reservations are paid: no-upfront, partial-upfront, all-upfront (default: ${DEFAULT-VALUE})")
    String payment;

    @Option(names = "--rates", paramLabel = "FILE",
            description = "a CSV of reserved-instance rates of your own (instance_type,kind,term,payment,upfront_usd,hourly_usd,tier,source),"
                    + " over the catalogue's")
    Path rates;

    @Option(names = "--seed", defaultValue = "1", description = "random seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = {"-o", "--out"}, defaultValue = "out", paramLabel = "DIR", description = "folder for the results (default: ${DEFAULT-VALUE})")
    Path out;

    @picocli.CommandLine.Mixin
    WorkBudget budget = new WorkBudget();

    @Override
    public Integer call() throws Exception {
        Term t = switch (term) {
            case "1y" -> Term.ONE_YEAR;
            case "3y" -> Term.THREE_YEARS;
            default -> throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--term: 1y or 3y, got '" + term + "'");
        };
        Payment pay = Payment.of(payment);
        if (pay == null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--payment: no-upfront, partial-upfront or all-upfront, got '" + payment + "'");
        }
        OutputPlace.folder(spec.commandLine(), out);
        var d = DesignReader.read(design);
        var p = DesignReader.readProfile(load);
        DesignReader.checkCompatible(d, p);
        PriceCatalogue catalogue = PriceCatalogue.resolve(d.design().pricing(), d.baseDir());
        if (rates != null) {
            catalogue = catalogue.withRates(readRates(rates));
        }
        RunOptions options = RunOptions.DEFAULTS;
        WorkEstimate work = WorkEstimate.of(d.design(), p.profile());
        if (!budget.allows(work, 1, spec.commandLine().getErr())) {
            return Headroom.BAD_INPUT;
        }
        options = budget.apply(options, null);
        var runs = io.headroom.experiment.Replications.runWatched(d.design(), d.baseDir(), p.profile(), p.baseDir(), seed, 1, options, 1,
                false, i -> io.headroom.experiment.Replications.discard());
        UsageProfile usage = runs.get(0).result().cost().usage();
        CommitmentPlan plan;
        try {
            plan = CommitmentPlanner.plan(usage, catalogue, t, pay);
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("headroom: " + e.getMessage());
            spec.commandLine().getErr().flush();
            return Headroom.BAD_INPUT;
        }
        String yaml = yaml(plan);
        String json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json(plan, d.design().name(),
                p.profile().name(), catalogue.name()));
        AtomicFiles.sweep(out);
        Path jsonFile = out.resolve("commitments.json");
        Path yamlFile = out.resolve("commitments.yaml");
        Path stagedJson = AtomicFiles.stage(jsonFile, w -> w.write(json + "\n"));
        Path stagedYaml;
        try {
            stagedYaml = AtomicFiles.stage(yamlFile, w -> w.write(yaml));
        } catch (java.io.IOException | RuntimeException e) {
            Files.deleteIfExists(stagedJson);
            throw e;
        }
        AtomicFiles.commit(stagedJson, jsonFile);
        AtomicFiles.commit(stagedYaml, yamlFile);
        var w = spec.commandLine().getOut();
        if (d.design().regions() != null) {
            var err = spec.commandLine().getErr();
            err.println("headroom: warning: " + design + " runs in several regions, and a reservation covers usage in its own region"
                    + " only: this plan pools the regions' instances of each family, so its coverage holds only where each region's"
                    + " share of the reservations runs there (docs/pricing.md)");
            err.flush();
        }
        w.print(table(plan));
        w.println();
        w.print(yaml);
        w.println("  wrote " + jsonFile + " and " + yamlFile);
        w.flush();
        return Headroom.OK;
    }

    private static List<CommitmentRate> readRates(Path file) throws BadInputException {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new BadInputException(List.of(new InputError(file.toString(), Mark.UNKNOWN, "", "--rates: file not found")));
        } catch (java.io.IOException e) {
            throw new BadInputException(List.of(new InputError(file.toString(), Mark.UNKNOWN, "", "--rates: cannot read: " + e.getMessage())));
        }
        List<InputError> errors = new ArrayList<>();
        List<CommitmentRate> rows = CommitmentRate.read(file.toString(), text, errors);
        if (!errors.isEmpty()) {
            throw new BadInputException(errors);
        }
        return rows;
    }

    /** The {@code commitments:} block to paste into the design. */
    static String yaml(CommitmentPlan plan) {
        StringBuilder b = new StringBuilder("commitments:   # planned by headroom commitments (" + plan.term().key() + ", "
                + plan.payment().key() + ")\n");
        if (plan.reserved().isEmpty() && plan.savingsPlan() == null) {
            return "commitments: []   # planned by headroom commitments: buying nothing is cheapest\n";
        }
        for (CommitmentPlan.Reservation r : plan.reserved()) {
            b.append("  - {type: ").append(r.type()).append(", count: ").append(r.count()).append(", term: ").append(plan.term().key())
                    .append(", payment: ").append(plan.payment().key()).append("}\n");
        }
        if (plan.savingsPlan() != null) {
            b.append("  - {savings-plan: compute, usd-per-hour: ").append(num(plan.savingsPlan().usdPerHour(), 6)).append(", term: ")
                    .append(plan.term().key()).append("}\n");
        }
        return b.toString();
    }

    private static Map<String, Object> json(CommitmentPlan plan, String design, String profile, String catalogue) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("design", design);
        m.put("profile", profile);
        m.put("catalogue", catalogue);
        m.put("term", plan.term().key());
        m.put("payment", plan.payment().key());
        m.put("period_hours", plan.hours());
        m.put("on_demand_usd_per_hour", plan.onDemandUsdPerHour());
        m.put("plan_usd_per_hour", plan.planUsdPerHour());
        m.put("savings_usd_per_hour", plan.savingsUsdPerHour());
        m.put("savings_share", plan.savingsShare());
        m.put("savings_usd_per_month", plan.savingsUsdPerHour() * CommitmentPlan.MONTH_HOURS);
        m.put("coverage", plan.coverage());
        List<Map<String, Object>> rs = new ArrayList<>();
        for (CommitmentPlan.Reservation r : plan.reserved()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("family", r.family());
            x.put("type", r.type());
            x.put("count", r.count());
            x.put("usd_per_hour_each", r.usdPerHour());
            x.put("upfront_usd_each", r.upfrontUsd());
            x.put("hourly_usd_each", r.hourlyUsd());
            x.put("on_demand_usd_per_hour_each", r.onDemandUsdPerHour());
            x.put("break_even_utilisation", r.breakEven());
            x.put("utilisation", r.utilisation());
            x.put("coverage", r.coverage());
            x.put("savings_usd_per_hour", r.savingsUsdPerHour());
            x.put("usd_per_month", r.usdPerMonth());
            x.put("term_usd", r.termUsd());
            x.put("price_basis", r.basis());
            rs.add(x);
        }
        m.put("reserved", rs);
        if (plan.savingsPlan() != null) {
            CommitmentPlan.SavingsPlan s = plan.savingsPlan();
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("usd_per_hour", s.usdPerHour());
            x.put("discount", s.discount());
            x.put("break_even_utilisation", s.breakEven());
            x.put("utilisation", s.utilisation());
            x.put("coverage", s.coverage());
            x.put("savings_usd_per_hour", s.savingsUsdPerHour());
            x.put("usd_per_month", s.usdPerMonth());
            x.put("term_usd", s.termUsd());
            x.put("price_basis", "A: the catalogue's flat savings-plan discount (no published per-type rate found)");
            m.put("savings_plan", x);
        } else {
            m.put("savings_plan", null);
        }
        return m;
    }

    /** The terminal table. */
    static String table(CommitmentPlan plan) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "Commitments for %.2f h of usage repeated over %s, reservations %s%n", plan.hours(),
                plan.term().key(), plan.payment().key()));
        b.append(String.format(Locale.ROOT, "  %-22s %6s %10s %10s %8s %8s %8s %11s %12s%n", "commitment", "count", "USD/h each",
                "break-even", "util.", "cover.", "saves/h", "USD/month", "term USD"));
        for (CommitmentPlan.Reservation r : plan.reserved()) {
            b.append(String.format(Locale.ROOT, "  %-22s %6d %10.5f %9.1f%% %7.1f%% %7.1f%% %8.4f %11.2f %12.2f%n", "reserved " + r.type(),
                    r.count(), r.usdPerHour(), 100 * r.breakEven(), 100 * r.utilisation(), 100 * r.coverage(), r.savingsUsdPerHour(),
                    r.usdPerMonth(), r.termUsd()));
        }
        if (plan.savingsPlan() != null) {
            CommitmentPlan.SavingsPlan s = plan.savingsPlan();
            b.append(String.format(Locale.ROOT, "  %-22s %6s %10.5f %9.1f%% %7.1f%% %7.1f%% %8.4f %11.2f %12.2f%n", "compute savings plan", "",
                    s.usdPerHour(), 100 * s.breakEven(), 100 * s.utilisation(), 100 * s.coverage(), s.savingsUsdPerHour(), s.usdPerMonth(),
                    s.termUsd()));
        }
        if (plan.reserved().isEmpty() && plan.savingsPlan() == null) {
            b.append("  (none: no usage runs long enough to pay for a commitment)\n");
        }
        b.append(String.format(Locale.ROOT, "  on demand %.4f USD/h (%.2f a month); with the plan %.4f USD/h (%.2f a month): saves %.1f%%,"
                        + " %.1f%% of the on-demand spend covered%n", plan.onDemandUsdPerHour(), plan.onDemandUsdPerHour() * CommitmentPlan.MONTH_HOURS,
                plan.planUsdPerHour(), plan.planUsdPerHour() * CommitmentPlan.MONTH_HOURS, 100 * plan.savingsShare(), 100 * plan.coverage()));
        for (CommitmentPlan.Reservation r : plan.reserved()) {
            b.append("  ").append(r.type()).append(" price: ").append(r.basis()).append('\n');
        }
        if (plan.savingsPlan() != null) {
            b.append("  savings plan price: A: the catalogue's flat ").append(num(100 * plan.savingsPlan().discount(), 1))
                    .append(" % (no published per-type rate found)\n");
        }
        return b.toString();
    }

    private static String num(double v, int decimals) {
        return new java.math.BigDecimal(v).setScale(decimals, java.math.RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
    }
}
