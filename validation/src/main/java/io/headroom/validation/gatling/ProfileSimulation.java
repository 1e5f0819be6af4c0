package io.headroom.validation.gatling;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.nothingFor;
import static io.gatling.javaapi.core.CoreDsl.rampConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.responseTimeInMillis;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.core.CoreDsl.stressPeakUsers;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ClosedInjectionStep;
import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.headroom.load.OpenStep;
import io.headroom.load.closed.ClosedStep;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The Gatling simulation of a headroom load profile, in Gatling's Java DSL. Gatling makes it by its class
 * name, so it takes its {@link GatlingPlan} from {@link GatlingPlan#current()}. Each user: a hook draws the
 * endpoint (from the profile's mix) and the key and notes the start time; one {@code GET /ENDPOINT?key=K}
 * named after the endpoint, whose checks save the status and Gatling's response time and mark anything
 * but 200 as KO; a hook hands the three to the recorder; in a closed model with think time, a pause drawn
 * from the think distribution follows. The profile's open steps become Gatling's open injection steps one
 * for one, its closed steps Gatling's closed steps.
 */
public final class ProfileSimulation extends Simulation {

    public ProfileSimulation() {
        GatlingPlan plan = GatlingPlan.current();
        HttpProtocolBuilder protocol = http.baseUrl(plan.baseUrl().toString())
                .shareConnections() // one pool for all users, as a real client fleet reuses connections
                .disableCaching()
                .disableWarmUp();
        ScenarioBuilder scn = scenario(plan.name())
                .exec(session -> session.set("endpoint", plan.nextEndpoint()).set("key", plan.nextKey())
                        .set("rid", plan.nextId()).set("t0", System.nanoTime()))
                .exec(http("#{endpoint}").get("/#{endpoint}?key=#{key}").header("X-Request-Id", "#{rid}")
                        .check(status().saveAs("status"), responseTimeInMillis().saveAs("rt"), status().is(200)))
                .exec(session -> {
                    record(plan, session);
                    return session;
                });
        if (plan.hasThink()) {
            scn = scn.pause(session -> Duration.ofNanos(plan.nextThinkNanos()));
        }
        PopulationBuilder population = plan.profile().isClosed()
                ? scn.injectClosed(closedSteps(plan.profile().scaledClosed().steps()))
                : scn.injectOpen(openSteps(plan.profile().scaledInjection()));
        setUp(population.protocols(protocol));
    }

    private static void record(GatlingPlan plan, Session session) {
        long t1 = System.nanoTime();
        long t0 = session.getLong("t0");
        int status = session.contains("status") ? session.getInt("status") : 0;
        long rt = session.contains("rt") ? session.getInt("rt") : Math.round((t1 - t0) / 1e6);
        plan.recorder().add(session.getLong("rid"), t0, t1, rt, status, session.getString("endpoint"));
    }

    /** Gatling's open steps for the profile's (already checked by {@link GatlingPlan#check}). */
    static OpenInjectionStep[] openSteps(List<OpenStep> steps) {
        List<OpenInjectionStep> out = new ArrayList<>();
        for (OpenStep s : steps) {
            if (s instanceof OpenStep.IncrementUsersPerSec inc) {
                for (OpenStep e : inc.expand()) {
                    out.add(open(e));
                }
            } else {
                out.add(open(s));
            }
        }
        return out.toArray(OpenInjectionStep[]::new);
    }

    private static OpenInjectionStep open(OpenStep s) {
        if (s instanceof OpenStep.ConstantUsersPerSec c) {
            var step = constantUsersPerSec(c.rate()).during(c.during());
            return Boolean.TRUE.equals(c.randomized()) ? step.randomized() : step;
        }
        if (s instanceof OpenStep.RampUsersPerSec r) {
            var step = rampUsersPerSec(r.from()).to(r.to()).during(r.during());
            return Boolean.TRUE.equals(r.randomized()) ? step.randomized() : step;
        }
        if (s instanceof OpenStep.NothingFor n) {
            return nothingFor(n.during());
        }
        if (s instanceof OpenStep.AtOnceUsers a) {
            return atOnceUsers(Math.toIntExact(a.users()));
        }
        if (s instanceof OpenStep.RampUsers r) {
            return rampUsers(Math.toIntExact(r.users())).during(r.during());
        }
        if (s instanceof OpenStep.StressPeakUsers p) {
            return stressPeakUsers(Math.toIntExact(p.users())).during(p.during());
        }
        throw new IllegalArgumentException("Gatling has no step for " + s.getClass().getSimpleName());
    }

    static ClosedInjectionStep[] closedSteps(List<ClosedStep> steps) {
        List<ClosedInjectionStep> out = new ArrayList<>();
        for (ClosedStep s : steps) {
            for (ClosedStep e : s.expand()) {
                if (e instanceof ClosedStep.ConstantConcurrentUsers c) {
                    out.add(constantConcurrentUsers(c.users()).during(c.during()));
                } else if (e instanceof ClosedStep.RampConcurrentUsers r) {
                    out.add(rampConcurrentUsers(r.from()).to(r.to()).during(r.during()));
                } else {
                    throw new IllegalArgumentException("Gatling has no closed step for " + e.getClass().getSimpleName());
                }
            }
        }
        return out.toArray(ClosedInjectionStep[]::new);
    }
}
