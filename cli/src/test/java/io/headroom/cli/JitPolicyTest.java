package io.headroom.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher's compiler directives: accepted by the JVM, and leaving the simulator's own code to C2. */
class JitPolicyTest {
    private static final Path SHIPPED = Path.of(System.getProperty("user.dir")).getParent().resolve("scripts/jit-directives.json");

    /**
     * Adds the shipped directives by {@code add}, checks the JVM's answer and the directives it then prints (through the
     * MBean server: one JVM state, however they were added), and removes them again.
     */
    private static void addsTheShippedDirectives(java.util.function.UnaryOperator<String> add) {
        String before = JitPolicy.command("compilerDirectivesPrint");
        String answer = add.apply(SHIPPED.toAbsolutePath().toString());
        assertNotNull(answer, "the JVM has no Compiler.directives_add command");
        assertEquals("1 compiler directives added", answer.trim());
        try {
            String printed = JitPolicy.command("compilerDirectivesPrint");
            assertTrue(printed.contains("com/fasterxml/*.*"), printed);
            assertTrue(printed.contains("org/jfree/*.*"), printed);
        } finally {
            JitPolicy.command("compilerDirectivesRemove");
        }
        assertEquals(before, JitPolicy.command("compilerDirectivesPrint"));
    }

    @Test
    void runDirectlyWhereThePackageIsOpenAsTheJarsManifestOpensIt() {
        // cli's surefire argLine opens jdk.management/com.sun.management.internal as the jar's manifest does
        assertTrue(JitPolicy.runsDirectly());
        addsTheShippedDirectives(JitPolicy::add);
    }

    @Test
    void theShippedDirectivesAreAcceptedByTheJvmThroughTheMBeanServer() {
        addsTheShippedDirectives(JitPolicy::addThroughMBeanServer);
    }

    @Test
    void ofHeadroomsOwnCodeOnlyTheCommandLineTheReportAndOncePerWindowCodeAreLeftToC1() throws Exception {
        Matcher m = Pattern.compile("\"(io/headroom/[^\"]+)\"").matcher(Files.readString(SHIPPED));
        Set<String> own = new TreeSet<>();
        while (m.find()) {
            own.add(m.group(1));
        }
        assertEquals(Set.of("io/headroom/cli/*.*", "io/headroom/report/*.*", "io/headroom/run/WindowRecorder.*",
                "io/headroom/experiment/WindowWatch.*"), own);
    }

    @Test
    void aPathWithASpaceIsOneArgument(@TempDir Path dir) throws Exception {
        Path spaced = Files.createDirectories(dir.resolve("a b")).resolve("jit.json");
        Files.copy(SHIPPED, spaced);
        String answer = JitPolicy.add(spaced.toString());
        assertNotNull(answer);
        assertEquals("1 compiler directives added", answer.trim());
        JitPolicy.command("compilerDirectivesRemove");
    }

    @Test
    void aBrokenFileAddsNothing(@TempDir Path dir) throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.json"), "[{match: \"x/*.*\", c2: {NoSuchOption: true}}]");
        String before = JitPolicy.command("compilerDirectivesPrint");
        String answer = JitPolicy.add(bad.toString());
        assertFalse(answer.contains("directives added"), answer);
        assertEquals(before, JitPolicy.command("compilerDirectivesPrint"));
    }
}
