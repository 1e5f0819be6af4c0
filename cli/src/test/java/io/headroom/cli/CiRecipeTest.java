package io.headroom.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GitHub Actions recipe ({@code examples/ci/headroom-diff.yml}) run here as a runner would run it: its {@code run:}
 * steps, in order, with bash as Actions runs them ({@code bash --noprofile --norc -eo pipefail}), their {@code env:}
 * with the {@code ${{ }}} expressions of a pull request filled in, {@code GITHUB_OUTPUT} and {@code RUNNER_TEMP} as the
 * runner gives them, and {@code if:} conditions evaluated. Only the steps that need GitHub are stood in for: the
 * checkout ({@code uses:}) is a local repository with a base branch and a pull request's commit, the install step
 * is Headroom from this build on the PATH, and {@code gh} is a stub that records what it was asked and answers the
 * comment listing. The diff itself, the comment file and the exit status are the workflow's own.
 */
class CiRecipeTest {
    private static final Path WORKFLOW = Path.of("..", "examples", "ci", "headroom-diff.yml");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** What one workflow run left: each step's exit status (by name), and what gh was asked and sent. */
    record Run(Map<String, Integer> status, List<String> ghCalls, String body, Map<String, String> outputs) {
    }

    private static final Pattern EXPR = Pattern.compile("\\$\\{\\{\\s*(.*?)\\s*}}");

    @Test
    void aPullRequestThatBreaksAnSloGetsItsCommentAndAFailedJob(@TempDir Path dir) throws Exception {
        Path repo = pullRequest(dir, "replicas: 8", "replicas: 1");
        Run r = run(dir, repo, null);
        assertEquals(0, r.status().get("Diff the changed designs"), r.toString());
        assertEquals("3", r.outputs().get("status"));
        assertEquals(List.of("api --paginate repos/acme/designs/issues/7/comments --jq .[] | select(.body | startswith(\"<!-- headroom-diff\")) | .id",
                "api --method POST repos/acme/designs/issues/7/comments -F body=@" + r.outputs().get("comment")), r.ghCalls());
        assertTrue(r.body().startsWith("<!-- headroom-diff examples/rightsizing.yaml -->\n"), r.body());
        assertTrue(r.body().contains("> This change breaks 2 SLOs that the base met"), r.body());
        assertTrue(r.body().contains("Base: `origin/main:examples/rightsizing.yaml`"), r.body());
        // api-fixed.yaml is listed too but the pull request did not change it: no diff of it
        assertFalse(r.body().contains("api-fixed"), r.body());
        assertEquals(3, r.status().get("Fail on a broken SLO"), "the job fails after posting");
    }

    @Test
    void aLaterPushUpdatesTheCommentAndAHarmlessChangePasses(@TempDir Path dir) throws Exception {
        Path repo = pullRequest(dir, "replicas: 8", "replicas: 6");
        Run r = run(dir, repo, "4242");
        assertEquals("0", r.outputs().get("status"));
        assertEquals("api --method PATCH repos/acme/designs/issues/comments/4242 -F body=@" + r.outputs().get("comment"),
                r.ghCalls().get(1));
        assertTrue(r.body().contains("SLOs: 2 met"), r.body());
        assertEquals(0, r.status().get("Fail on a broken SLO"));
    }

    @Test
    void aPullRequestThatChangesNoListedDesignPostsNothing(@TempDir Path dir) throws Exception {
        Path repo = pullRequest(dir, "# What should this service run on?", "# What should it run on?");
        Files.writeString(repo.resolve("examples/rightsizing.yaml"), Files.readString(Path.of("..", "examples", "rightsizing.yaml")));
        Files.writeString(repo.resolve("notes.yaml"), "a: 1\n");
        git(repo, "add", ".");
        git(repo, "commit", "-q", "-m", "unrelated");
        Run r = run(dir, repo, null);
        assertEquals("0", r.outputs().get("status"));
        assertEquals(List.of(), r.ghCalls(), "no comment without a diff");
        assertFalse(r.status().containsKey("Post or update the comment"), "the post step was skipped by its if:");
    }

    /** A repository with the base branch (origin/main) and a pull request that replaces {@code from} with {@code to}. */
    private static Path pullRequest(Path dir, String from, String to) throws Exception {
        Path repo = Files.createDirectories(dir.resolve("repo"));
        for (String f : List.of("rightsizing.yaml", "api-fixed.yaml", "profiles/api-steady.yaml", "profiles/morning-ramp.yaml")) {
            Path target = repo.resolve("examples").resolve(f);
            Files.createDirectories(target.getParent());
            Files.writeString(target, Files.readString(Path.of("..", "examples").resolve(f)));
        }
        // two minutes of the steady hour keep the test short; the workflow itself is unchanged
        Files.writeString(repo.resolve("examples/profiles/api-steady.yaml"), "name: api-steady\nwarmup: 20s\ninjection:\n"
                + "  - constantUsersPerSec: {rate: 400, during: 2m, randomized: true}\n");
        git(repo, "init", "-q", "-b", "main");
        git(repo, "add", ".");
        git(repo, "commit", "-q", "-m", "base");
        git(repo, "update-ref", "refs/remotes/origin/main", "HEAD");
        git(repo, "checkout", "-q", "-b", "pr");
        Path design = repo.resolve("examples/rightsizing.yaml");
        String text = Files.readString(design);
        assertTrue(text.contains(from), from);
        Files.writeString(design, text.replace(from, to));
        git(repo, "commit", "-q", "-am", "the change under review");
        return repo;
    }

    private static Run run(Path dir, Path repo, String existingComment) throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path temp = Files.createDirectories(dir.resolve("runner-temp"));
        Path ghLog = dir.resolve("gh.log");
        Path ghBody = dir.resolve("gh-body.md");
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        script(bin.resolve("headroom"), "#!/bin/sh\nexec '" + Path.of(System.getProperty("java.home"), "bin", "java")
                + "' -Djava.awt.headless=true -XX:TieredStopAtLevel=1 -cp '" + cp + "' io.headroom.cli.Headroom \"$@\"\n");
        // gh: records its arguments (one line per call), keeps what -F body=@FILE sent, answers the comment listing
        script(bin.resolve("gh"), "#!/bin/bash\nprintf '%s\\n' \"$*\" >> '" + ghLog + "'\n"
                + "for a in \"$@\"; do case \"$a\" in body=@*) cp \"${a#body=@}\" '" + ghBody + "';; esac; done\n"
                + "case \"$*\" in *--paginate*) [ -n \"${GH_EXISTING:-}\" ] && echo \"$GH_EXISTING\";; esac\nexit 0\n");
        JsonNode wf = YAML.readTree(WORKFLOW.toFile());
        JsonNode steps = wf.path("jobs").path("diff").path("steps");
        Map<String, Integer> status = new LinkedHashMap<>();
        Map<String, Map<String, String>> outputs = new LinkedHashMap<>();
        boolean installReplaced = false;
        for (JsonNode step : steps) {
            if (step.has("uses")) {
                continue; // checkout and setup-java: the repository and this JVM stand in
            }
            String name = step.path("name").asText();
            if (step.path("id").asText().equals("install")) {
                installReplaced = true; // Headroom from this build is on the PATH instead
                continue;
            }
            if (step.has("if") && !condition(step.path("if").asText(), outputs)) {
                continue;
            }
            Path output = Files.createTempFile(temp, "output", "");
            Map<String, String> env = new LinkedHashMap<>();
            step.path("env").fields().forEachRemaining(e -> env.put(e.getKey(), expand(e.getValue().asText(), outputs)));
            Path script = Files.writeString(temp.resolve("step.sh"), step.path("run").asText());
            ProcessBuilder pb = new ProcessBuilder("bash", "--noprofile", "--norc", "-eo", "pipefail", script.toString())
                    .directory(repo.toFile()).redirectErrorStream(true);
            pb.environment().putAll(env);
            pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
            pb.environment().put("RUNNER_TEMP", temp.toString());
            pb.environment().put("GITHUB_OUTPUT", output.toString());
            if (existingComment != null) {
                pb.environment().put("GH_EXISTING", existingComment);
            }
            Process p = pb.start();
            String log = new String(p.getInputStream().readAllBytes());
            assertTrue(p.waitFor(5, TimeUnit.MINUTES), name + " finished");
            status.put(name, p.exitValue());
            Map<String, String> out = new LinkedHashMap<>();
            for (String line : Files.readAllLines(output)) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    out.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
            if (step.has("id")) {
                outputs.put(step.path("id").asText(), out);
            }
            if (p.exitValue() != 0 && !name.equals("Fail on a broken SLO")) {
                throw new AssertionError(name + " failed with " + p.exitValue() + ":\n" + log);
            }
        }
        assertTrue(installReplaced, "the workflow has a step with id: install");
        List<String> calls = Files.exists(ghLog) ? Files.readAllLines(ghLog) : List.of();
        String body = Files.exists(ghBody) ? Files.readString(ghBody) : "";
        return new Run(status, calls, body, outputs.getOrDefault("diff", Map.of()));
    }

    /** The {@code ${{ }}} expressions of a pull request #7 into main of acme/designs, and the steps' outputs. */
    private static String expand(String text, Map<String, Map<String, String>> outputs) {
        Matcher m = EXPR.matcher(text);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(b, Matcher.quoteReplacement(value(m.group(1), outputs)));
        }
        m.appendTail(b);
        return b.toString();
    }

    private static String value(String expr, Map<String, Map<String, String>> outputs) {
        Matcher step = Pattern.compile("steps\\.(\\w+)\\.outputs\\.(\\w+)").matcher(expr);
        if (step.matches()) {
            return outputs.getOrDefault(step.group(1), Map.of()).getOrDefault(step.group(2), "");
        }
        return switch (expr) {
            case "github.base_ref" -> "main";
            case "github.repository" -> "acme/designs";
            case "github.event.pull_request.number" -> "7";
            case "github.token" -> "test-token";
            default -> throw new AssertionError("the test does not know the expression ${{ " + expr + " }}: teach it");
        };
    }

    /** The conditions the recipe uses: {@code steps.X.outputs.Y != ''} (and {@code == ''}). */
    private static boolean condition(String expr, Map<String, Map<String, String>> outputs) {
        Matcher m = Pattern.compile("(steps\\.\\w+\\.outputs\\.\\w+)\\s*(!=|==)\\s*''").matcher(expr.strip());
        if (!m.matches()) {
            throw new AssertionError("the test does not know the condition " + expr + ": teach it");
        }
        boolean empty = value(m.group(1), outputs).isEmpty();
        return m.group(2).equals("==") == empty;
    }

    private static void script(Path file, String text) throws Exception {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static void git(Path dir, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("git", "-c", "user.name=t", "-c", "user.email=t@example.invalid"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), "git " + String.join(" ", args) + ": " + out);
    }
}
