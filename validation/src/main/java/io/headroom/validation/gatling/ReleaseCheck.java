package io.headroom.validation.gatling;

import java.lang.reflect.Field;

/**
 * Gatling's latest-release check, turned off. Every Gatling run asks {@code GatlingVersion.LatestRelease}, a lazy
 * value that fetches {@code https://repo1.maven.org/maven2/io/gatling/gatling-core/maven-metadata.xml} (unless a
 * recent answer is stored in the user's Java preferences, which it then writes to {@code ~/.java/.userPrefs}) to warn
 * about a newer Gatling, and its HTML report asks again. Gatling has no setting for it, so the lazy value is
 * settled here as "no newer release known" before Gatling first runs: Headroom contacts nothing but loopback.
 * Fails loudly if a Gatling upgrade changes the shape this relies on.
 */
final class ReleaseCheck {
    private static boolean off;

    private ReleaseCheck() {
    }

    /** Settles {@code GatlingVersion.LatestRelease} to {@code None}, once. */
    static synchronized void turnOff() {
        if (off) {
            return;
        }
        try {
            Class<?> version = Class.forName("io.gatling.commons.util.GatlingVersion$");
            Field latest = version.getDeclaredField("LatestRelease");
            Field computed = version.getDeclaredField("bitmap$0");
            latest.setAccessible(true);
            computed.setAccessible(true);
            synchronized (version.getField("MODULE$").get(null)) {
                latest.set(null, scala.None$.MODULE$);
                computed.setBoolean(null, true);
            }
            off = true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot turn off Gatling's latest-release check (it would contact Maven Central):"
                    + " this Gatling does not have the shape Headroom expects", e);
        }
    }
}
