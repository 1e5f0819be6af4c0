/**
 * The {@code headroom} command line (picocli): one class per subcommand — {@code run}, {@code report},
 * {@code check}, {@code load preview}, {@code sweep}, {@code merge}, {@code compare}, {@code capacity},
 * {@code validate}, {@code compare-run}, {@code calibrate} — each reading its inputs, calling the simulator,
 * the experiments or the validation, and writing through the reports. Exit status 0 on success, 1 on an
 * internal error, 2 on bad input (located errors on stderr, nothing written), 3 on a missed SLO under
 * {@code --fail-on-slo}. The top of the build: nothing depends on it. See the README's "The command line".
 * {@link io.headroom.cli.JitPolicy} is the launcher's choice of where the JVM's optimizing compiler is spent.
 */
package io.headroom.cli;
