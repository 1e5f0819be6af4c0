package io.headroom.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.headroom.design.Design;
import io.headroom.design.DesignReader;
import io.headroom.load.LoadProfile;
import io.headroom.yaml.YamlDocument;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An x86 vCPU is a hyperthread: a c6i.xlarge's 4 vCPUs are 2 cores. With n computations of a constant 10 ms started
 * together, the cores are filled first, so they deliver C(n) = n up to 2, then 2 + (n − 2)(g − 1) with the SMT gain g;
 * each runs at C(n) / n and all finish at 10 ms × n / C(n). A Graviton vCPU (c7g) is a core: 10 ms whatever n. Both
 * families are given speed 1 here so that only the threads differ. Deterministic: every figure is exact.
 */
class HyperthreadTest {
    private static final String CATALOGUE = """
            name: threads
            base: aws-us-east-1
            families:
              c6i: {processor: Intel Xeon Platinum 8375C, vcpu: hyperthread, speed: 1.0}
              c7g: {processor: AWS Graviton3, vcpu: core, speed: 1.0}
              m6i: {processor: Intel Xeon Platinum 8375C, vcpu: hyperthread, speed: 1.0, smt-gain: 1.5}
            %s
            """;

    private static final String DESIGN = """
            name: threads
            entry: api
            pricing: %s
            components:
              api:
                type: service
                instance: {type: %s}
                replicas: 1
                concurrency: %d
                %s
                endpoints:
                  get:
                    demand: {dist: constant, value: 10ms}
            """;

    private static double meanMs(Path dir, String type, int workers, int together, String cores, String cpu) throws Exception {
        Path catalogue = Files.writeString(dir.resolve("threads.yaml"), CATALOGUE.formatted(cpu));
        Design d = DesignReader.read(YamlDocument.parse(dir.resolve("d.yaml"), "d.yaml",
                DESIGN.formatted(catalogue, type, workers, cores))).design();
        LoadProfile p = LoadProfile.read(YamlDocument.parse(Path.of("p.yaml"), "p.yaml",
                "name: together\ninjection:\n  - atOnceUsers: {users: " + together + "}\n  - nothingFor: {during: 1s}\n"));
        RunResult r = Models.run(d, p, 1);
        assertEquals(together, r.overall().requests());
        return r.overall().latencyMs().mean();
    }

    @Test
    void twoBusyHyperthreadsOfOneCoreRunAtTheGainOverTwo(@TempDir Path dir) throws Exception {
        // the bundled gain 1.25: n = 1, 2 on 2 cores: 10 ms; n = 3: C = 2.25, 13.333 ms; n = 4: C = 2.5, 16 ms
        assertEquals(10.0, meanMs(dir, "c6i.xlarge", 4, 1, "", ""), 1e-6);
        assertEquals(10.0, meanMs(dir, "c6i.xlarge", 4, 2, "", ""), 1e-6);
        assertEquals(10.0 * 3 / 2.25, meanMs(dir, "c6i.xlarge", 4, 3, "", ""), 1e-6);
        assertEquals(16.0, meanMs(dir, "c6i.xlarge", 4, 4, "", ""), 1e-6);
        // more computations than vCPUs share the 2.5 cores' worth: n = 5, 20 ms
        assertEquals(20.0, meanMs(dir, "c6i.xlarge", 5, 5, "", ""), 1e-6);
    }

    @Test
    void aGravitonVcpuIsACore(@TempDir Path dir) throws Exception {
        assertEquals(10.0, meanMs(dir, "c7g.xlarge", 4, 4, "", ""), 1e-6);
        assertEquals(12.5, meanMs(dir, "c7g.xlarge", 5, 5, "", ""), 1e-6);
    }

    @Test
    void theGainIsTheCataloguesOrTheFamilys(@TempDir Path dir) throws Exception {
        // catalogue gain 1.1: C(4) = 2.2, 18.18 ms; m6i's own 1.5: C(4) = 3, 13.333 ms
        assertEquals(10.0 * 4 / 2.2, meanMs(dir, "c6i.xlarge", 4, 4, "", "cpu: {smt-gain: 1.1}"), 1e-6);
        assertEquals(10.0 * 4 / 3, meanMs(dir, "m6i.xlarge", 4, 4, "", ""), 1e-6);
        // gain 2: a hyperthread does as much as a core
        assertEquals(10.0, meanMs(dir, "c6i.xlarge", 4, 4, "", "cpu: {smt-gain: 2}"), 1e-6);
    }

    @Test
    void coresGivenAreWholeCores(@TempDir Path dir) throws Exception {
        assertEquals(10.0, meanMs(dir, "c6i.xlarge", 4, 4, "cores: 4", ""), 1e-6);
    }
}
