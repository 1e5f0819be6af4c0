package io.headroom.cli;

import io.headroom.report.SweepReport;
import io.headroom.result.SweepPoint;
import io.headroom.result.SweepResults;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code headroom merge DIR... --out OUT}: join the slices of a sharded sweep into one set of results. */
@Command(name = "merge", mixinStandardHelpOptions = true, versionProvider = Headroom.Version.class,
        description = "Join the results of sweep slices (headroom sweep --shard i/N) into one results set and report, "
                + "the same as an unsharded sweep writes.")
final class MergeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "DIR", description = "folders written by headroom sweep (usually --shard slices)")
    List<Path> dirs;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "OUT", description = "folder for the merged results and report")
    Path out;

    @Override
    public Integer call() throws Exception {
        OutputPlace.folder(spec.commandLine(), out);
        PrintWriter err = spec.commandLine().getErr();
        SweepResults.Meta meta = null;
        Map<Integer, SweepPoint> rows = new TreeMap<>();
        for (Path d : dirs) {
            Path f = d.resolve(SweepReport.RESULTS_JSON);
            if (!Files.isRegularFile(f)) {
                return bad(err, f + ": not found (a slice writes it when all its points are done; resume it with headroom sweep --resume)");
            }
            SweepResults r;
            try {
                r = SweepReport.read(f);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                // Jackson's own message carries "[Source: REDACTED ...]": its words and the place in the file are enough
                var at = e.getLocation();
                return bad(err, f + (at == null ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr()) + ": not a results file: "
                        + e.getOriginalMessage().lines().findFirst().orElse("not JSON").replaceAll("\\[Source: [^;]*; ", "["));
            } catch (java.io.IOException e) {
                return bad(err, f + ": not a results file: " + e.getMessage());
            } catch (IllegalArgumentException e) {
                return bad(err, f + ": " + e.getMessage());
            }
            SweepResults.Meta m = r.meta();
            if (meta == null) {
                meta = m;
            } else if (!meta.equals(m)) {
                return bad(err, f + ": from another sweep than " + dirs.get(0) + " (study " + m.study() + ", fingerprint "
                        + m.fingerprint() + " against " + meta.fingerprint() + ")");
            }
            for (SweepPoint row : r.rows()) {
                int point = row.point();
                if (point < 0 || point >= m.points()) {
                    return bad(err, f + ": point " + point + " is not one of the sweep's " + m.points() + " (0 to " + (m.points() - 1) + ")");
                }
                SweepPoint before = rows.put(point, row);
                if (before != null && !before.equals(row)) {
                    return bad(err, f + ": point " + point + " differs from the same point in another folder");
                }
            }
        }
        int total = meta.points();
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < total && missing.size() < 20; i++) {
            if (!rows.containsKey(i)) {
                missing.add(i);
            }
        }
        if (!missing.isEmpty()) {
            return bad(err, (total - rows.size()) + " of " + total + " points are in none of the folders (first: " + missing
                    + "): merge every slice");
        }
        SweepReport.write(out, meta, new ArrayList<>(rows.values()), null);
        PrintWriter w = spec.commandLine().getOut();
        w.println("merged " + dirs.size() + " folders: " + total + " points of study " + meta.study());
        w.println("  wrote " + out.resolve(SweepReport.RESULTS_CSV) + ", " + out.resolve(SweepReport.RESULTS_JSON) + ", "
                + out.resolve(SweepReport.HTML) + " and " + out.resolve(SweepReport.MARKDOWN));
        w.flush();
        return Headroom.OK;
    }

    private static int bad(PrintWriter err, String message) {
        err.println("headroom: merge: " + message);
        err.flush();
        return Headroom.BAD_INPUT;
    }
}
