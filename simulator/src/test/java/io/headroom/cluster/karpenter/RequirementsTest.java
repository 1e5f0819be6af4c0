package io.headroom.cluster.karpenter;

import static io.headroom.cluster.karpenter.KarpenterFixtures.both;
import static io.headroom.cluster.karpenter.KarpenterFixtures.catalogue;
import static io.headroom.cluster.karpenter.KarpenterFixtures.find;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headroom.design.cluster.Requirements;
import io.headroom.design.cluster.Requirements.Requirement;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A NodePool's requirements over the bundled catalogue's 139 types (each on-demand and spot). */
class RequirementsTest {
    private static final List<InstanceOption> ON_DEMAND = catalogue(InstanceOption.ON_DEMAND);

    private static Requirements of(String key, String operator, String... values) {
        return Requirements.of(List.of(new Requirement(key, operator, List.of(values))));
    }

    private static List<String> types(Requirements r) {
        return r.filter(ON_DEMAND).stream().map(InstanceOption::type).sorted().toList();
    }

    @Test
    void labelsOfAType() {
        InstanceOption o = find(ON_DEMAND, "c7g.2xlarge", "on-demand");
        assertEquals("c", o.category());
        assertEquals(7, o.generation());
        assertEquals("arm64", o.arch());
        assertEquals("16384", o.label(Requirements.MEMORY));
        assertEquals("8", o.label(Requirements.CPU));
        assertEquals("amd64", find(ON_DEMAND, "m7i.large", "on-demand").arch());
        assertEquals("arm64", find(ON_DEMAND, "t4g.nano", "on-demand").arch());
    }

    @Test
    void in() {
        assertEquals(List.of("c5.large", "m5.large"), types(of(Requirements.INSTANCE_TYPE, "In", "m5.large", "c5.large")));
        assertEquals(List.of("t3a.2xlarge", "t3a.large", "t3a.medium", "t3a.micro", "t3a.nano", "t3a.small", "t3a.xlarge"),
                types(of(Requirements.FAMILY, "In", "t3a")));
        assertEquals(34, types(of(Requirements.CATEGORY, "In", "r")).size());
    }

    @Test
    void notInOnCapacityType() {
        List<InstanceOption> kept = of(Requirements.CAPACITY_TYPE, "NotIn", "spot").filter(both());
        assertEquals(139, kept.size());
        assertTrue(kept.stream().noneMatch(InstanceOption::spot));
    }

    @Test
    void existsAndDoesNotExist() {
        assertEquals(139, types(of(Requirements.INSTANCE_TYPE, "Exists")).size());
        assertEquals(0, types(of(Requirements.FAMILY, "DoesNotExist")).size());
    }

    /** More than 32 vCPUs: the 44 types of 36, 48, 64, 72, 96, 128 and 192 vCPUs. */
    @Test
    void gtOnCpu() {
        List<InstanceOption> kept = of(Requirements.CPU, "Gt", "32").filter(ON_DEMAND);
        assertFalse(kept.isEmpty());
        assertTrue(kept.stream().allMatch(o -> o.vcpu() > 32));
        assertEquals(44, kept.size());
        assertFalse(of(Requirements.CPU, "Gt", "8").admits(find(ON_DEMAND, "m5.2xlarge", "on-demand")));
    }

    /** Less than 2048 MiB: the nano (512) and micro (1024) sizes; 2 GiB (2048 MiB) is not less. */
    @Test
    void ltOnMemory() {
        assertEquals(List.of("t3.micro", "t3.nano", "t3a.micro", "t3a.nano", "t4g.micro", "t4g.nano"),
                types(of(Requirements.MEMORY, "Lt", "2048")));
    }

    @Test
    void generationAndArch() {
        Requirements r = Requirements.of(List.of(new Requirement(Requirements.GENERATION, "Gt", List.of("6")),
                new Requirement(Requirements.ARCH, "In", List.of("arm64")),
                new Requirement(Requirements.CATEGORY, "In", List.of("c"))));
        assertEquals(List.of("c7g.12xlarge", "c7g.16xlarge", "c7g.2xlarge", "c7g.4xlarge", "c7g.8xlarge", "c7g.large",
                "c7g.medium", "c7g.xlarge"), types(r));
    }

    @Test
    void zonesDoNotFilterTypes() {
        Requirements r = Requirements.of(List.of(
                new Requirement(Requirements.ZONE, "In", List.of("us-east-1a", "us-east-1b")),
                new Requirement(Requirements.ZONE, "NotIn", List.of("us-east-1b"))));
        assertEquals(139, r.filter(ON_DEMAND).size());
        assertTrue(r.admitsZone("us-east-1a"));
        assertFalse(r.admitsZone("us-east-1b"));
        assertFalse(r.admitsZone("us-east-1c"));
        assertEquals(List.of("us-east-1a", "us-east-1b"), r.zones());
    }

    @Test
    void unsupportedKeyOrOperatorNamed() {
        Requirements key = Requirements.of(List.of(new Requirement(Requirements.ARCH, "In", List.of("amd64")),
                new Requirement("karpenter.k8s.aws/instance-hypervisor", "In", List.of("nitro"))));
        assertEquals(Optional.of("karpenter.k8s.aws/instance-hypervisor"), key.unsupported());
        assertEquals(1, key.unsupportedIndex());

        Requirements op = of(Requirements.CPU, "Gte", "4");
        assertEquals(Optional.of("Gte"), op.unsupported());
        assertEquals(0, op.unsupportedIndex());

        assertEquals(Optional.empty(), of(Requirements.CPU, "Gt", "4").unsupported());
        assertEquals(-1, Requirements.NONE.unsupportedIndex());
    }

    @Test
    void malformedValues() {
        assertTrue(of(Requirements.CPU, "Gt", "four").invalid().isPresent());
        assertTrue(of(Requirements.CPU, "Lt").invalid().isPresent());
        assertTrue(of(Requirements.FAMILY, "In").invalid().isPresent());
        assertEquals(Optional.empty(), of(Requirements.FAMILY, "NotIn").invalid());
    }
}
