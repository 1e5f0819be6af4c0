package io.headroom.validation.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headroom.design.CallSpec;
import io.headroom.design.DesignReader;
import io.headroom.design.EndpointSpec;
import io.headroom.design.ServiceSpec;
import io.headroom.dist.DistributionSpec;
import io.headroom.validation.compare.SimulatedRuns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the import writes reads back as the design and profile it inferred, and the same model writes the same bytes. */
class ModelWriterTest {
    @TempDir
    Path dir;

    private static ImportedModel imported(long traces) throws Exception {
        SyntheticSystem sys = new SyntheticSystem(200, 7);
        return TraceImport.read(sink -> sys.emit(traces, sink), "test", List.of("synthetic"), ImportOptions.DEFAULTS);
    }

    @Test
    void theDesignAndProfileReadBackAndSimulate() throws Exception {
        ImportedModel m = imported(20_000);
        ModelWriter.write(m, dir);
        DesignReader.Loaded design = DesignReader.read(dir.resolve("design.yaml"));
        DesignReader.LoadedProfile profile = DesignReader.readProfile(dir.resolve("profile.yaml"));
        DesignReader.checkCompatible(design, profile);
        assertEquals("front", design.design().entry());
        ServiceSpec front = (ServiceSpec) design.design().components().get("front");
        EndpointSpec page = front.endpoints().get("page");
        assertTrue(page.parallel());
        assertEquals(List.of("catalog", "reviews"), page.calls().stream().map(CallSpec::to).toList());
        CallSpec reviews = page.calls().get(1);
        ImportedModel.Call inferred = m.services().get(1).endpoints().get(0).calls().get(1);
        assertEquals(inferred.p(), reviews.p(), 5e-6, "p written to 5 decimals");
        assertEquals(new DistributionSpec.Constant(java.time.Duration.ofNanos(300_000)).toString(), reviews.latency().toString());
        DistributionSpec.Gamma own = (DistributionSpec.Gamma) page.offCpu();
        assertEquals(m.services().get(1).endpoints().get(0).ownMeanMs(), own.mean().toNanos() / 1e6, 1e-4);
        assertEquals(front.concurrency(), m.services().get(1).workers());
        // the profile replays the counted arrivals: every one of them, at the entry
        SimulatedRuns runs = SimulatedRuns.run(design.design(), dir, profile.profile(), dir, 1, 1, java.time.Duration.ofSeconds(10));
        var r = runs.results().get(0);
        assertEquals(m.arrivals().total(), r.overall().requests(), "arrivals replayed");
        // and the same model writes the same bytes
        Path again = dir.resolve("again");
        ModelWriter.write(imported(20_000), again);
        for (String f : List.of("design.yaml", "profile.yaml", "arrivals.csv", "import-report.md", "import.json")) {
            assertEquals(Files.readString(dir.resolve(f)), Files.readString(again.resolve(f)), f);
        }
    }
}
