package io.headroom.cli;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.management.ObjectName;

/**
 * Which code the JVM's optimizing compiler (C2) spends itself on. A command's fixed work — reading YAML
 * (Jackson, SnakeYAML), building lambdas and proxies (the JDK's bytecode spinner), drawing and encoding
 * charts (JFreeChart, the JDK's rasterizer and PNG writer) — runs once per process, yet its loops are hot
 * enough for C2, whose compilations took about 1.9 s of CPU in a 3 s run on 2 cores, beside the
 * simulation. The launcher names a file of compiler directives (JEP 165) that leave those libraries, and the
 * simulator's once-per-window code (a window's row, its watchers), to the quick compiler (C1); the
 * simulator's per-event code, and the JDK's collections and arithmetic it uses, stay with C2. Commands that
 * read large inputs with those libraries ({@code import}) or stand up a real system to measure
 * ({@code validate}, {@code compare-run}, {@code calibrate}) run with the JVM's defaults. It changes no
 * result: only how fast the same bytecode runs.
 *
 * <p>The directives are added through the JVM's diagnostic command {@code Compiler.directives_add}, on a
 * background thread at start-up, rather than with {@code -XX:CompilerDirectivesFile}, which prints a line
 * to standard output in every process.
 */
final class JitPolicy {
    /** The system property naming the directives file (set by the launcher). */
    static final String PROPERTY = "headroom.jit.directives";

    private JitPolicy() {
    }

    /** Adds the directives file named by {@link #PROPERTY}, if any, on a daemon thread; failures are silent (speed only). */
    static void start() {
        String file = System.getProperty(PROPERTY);
        if (file == null || file.isEmpty() || !Files.isRegularFile(Path.of(file))) {
            return;
        }
        Thread t = new Thread(() -> add(file), "headroom-jit");
        t.setDaemon(true);
        t.start();
    }

    /** Adds the directives of {@code file}; returns the JVM's answer ("1 compiler directives added"), or null if it could not. */
    static String add(String file) {
        return command("compilerDirectivesAdd", "\"" + file + "\""); // the JVM splits the command's arguments at spaces
    }

    /** Runs one diagnostic command (its MBean operation name) with its arguments; null if the JVM has none. */
    static String command(String operation, String... args) {
        try {
            Object answer = ManagementFactory.getPlatformMBeanServer().invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"),
                    operation, new Object[] {args}, new String[] {String[].class.getName()});
            return String.valueOf(answer);
        } catch (Exception | LinkageError e) {
            return null; // a JVM without the command (or the management module) just compiles as it would
        }
    }
}
