package io.headroom.cli;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
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
 * <p>The directives are added through the JVM's diagnostic command {@code Compiler.directives_add} rather than
 * with {@code -XX:CompilerDirectivesFile}, which prints a line to standard output in every process. Under
 * {@code java -jar}, whose manifest opens the JDK's diagnostic-command package to the jar's code, the command
 * is run directly, before anything else (about 6 ms, most of it loading the JDK's management library). Otherwise it goes through the platform MBean server, on a
 * background thread: starting that server (every platform MBean, JFR's and logging's among them) takes about
 * 0.14 s of CPU, a core's worth of a short run's start-up on two.
 */
final class JitPolicy {
    /** The system property naming the directives file (set by the launcher). */
    static final String PROPERTY = "headroom.jit.directives";

    private JitPolicy() {
    }

    /**
     * Adds the directives file named by {@link #PROPERTY}, if any: directly, or on a daemon thread through the MBean
     * server; failures are silent (speed only).
     */
    static void start() {
        String file = System.getProperty(PROPERTY);
        if (file == null || file.isEmpty() || !Files.isRegularFile(Path.of(file))) {
            return;
        }
        if (addDirectly(file) != null) {
            return;
        }
        Thread t = new Thread(() -> addThroughMBeanServer(file), "headroom-jit");
        t.setDaemon(true);
        t.start();
    }

    /** The diagnostic command that adds a directives file. */
    private static final String ADD = "Compiler.directives_add";

    /** A path as one argument: the JVM splits a command's arguments at spaces. */
    private static String quoted(String file) {
        return "\"" + file + "\"";
    }

    /**
     * Adds the directives of {@code file}, directly when the package is open to this code (else, or if that failed,
     * through the MBean server); returns the JVM's answer ("1 compiler directives added"), or null if it could not.
     */
    static String add(String file) {
        String answer = addDirectly(file);
        return answer != null ? answer : addThroughMBeanServer(file);
    }

    /** {@link #add} without the MBean server; null when the package is not open or the JVM refused. */
    private static String addDirectly(String file) {
        return Direct.AVAILABLE ? Direct.execute(ADD + " " + quoted(file)) : null;
    }

    /** {@link #add} through the platform MBean server, as when the package is not open. */
    static String addThroughMBeanServer(String file) {
        return command("compilerDirectivesAdd", quoted(file));
    }

    /** Whether diagnostic commands run directly here (the JDK's package is open to this code), not through the MBean server. */
    static boolean runsDirectly() {
        return Direct.AVAILABLE;
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

    /**
     * The JDK's own diagnostic-command bean, called without the MBean server: its native
     * {@code executeDiagnosticCommand}, which the bean's {@code invoke} ends in. Available when
     * {@code jdk.management/com.sun.management.internal} is open to this code ({@code Add-Opens} in the jar's manifest).
     */
    private static final class Direct {
        private static final Object BEAN;
        private static final Method EXECUTE;
        static final boolean AVAILABLE;

        static {
            Object bean = null;
            Method execute = null;
            try {
                Class<?> impl = Class.forName("com.sun.management.internal.DiagnosticCommandImpl");
                if (impl.getModule().isOpen(impl.getPackageName(), JitPolicy.class.getModule())) {
                    // its native methods live in the library this class's initializer loads
                    Class.forName("com.sun.management.internal.PlatformMBeanProviderImpl", true, impl.getClassLoader());
                    Method get = impl.getDeclaredMethod("getDiagnosticCommandMBean");
                    get.setAccessible(true);
                    execute = impl.getDeclaredMethod("executeDiagnosticCommand", String.class);
                    execute.setAccessible(true);
                    bean = get.invoke(null);
                }
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                bean = null; // another JDK's layout: the MBean server's way still works
            }
            BEAN = bean;
            EXECUTE = execute;
            AVAILABLE = bean != null && execute != null;
        }

        /** Runs {@code line} ("Compiler.directives_add \"file\""); the JVM's answer, or null if it failed. */
        static String execute(String line) {
            try {
                Object answer = EXECUTE.invoke(BEAN, line);
                return answer == null ? null : answer.toString();
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                return null;
            }
        }
    }
}
