package io.headroom.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An Auto Scaling group's {@code MixedInstancesPolicy} as AWS writes it, in place of the web shop's
 * {@code instance: {type: c6i.large, on-demand-base: 2, on-demand-percentage-above-base: 50}}: inline, or from
 * {@code describe-auto-scaling-groups}' answer in a file, the run is byte for byte the same; what Headroom does not model
 * is refused, located in the JSON with AWS's key.
 */
class MixedInstancesPolicyTest {
    private static final String WRITTEN = "instance: {type: c6i.large, on-demand-base: 2, on-demand-percentage-above-base: 50}  # rest on spot";

    private static Path design(Path dir, String file, String instance) throws Exception {
        String text = Files.readString(Path.of("..", "examples", "web-shop.yaml"));
        assertTrue(text.contains(WRITTEN));
        return Files.writeString(dir.resolve(file), text.replace(WRITTEN, instance));
    }

    private static byte[] summary(Path design, Path dir, String name) throws Exception {
        Path p = dir.resolve("p.yaml");
        if (!Files.exists(p)) {
            Files.writeString(p, "name: short\nwarmup: 30s\nmix: {browse: 0.9, checkout: 0.1}\ninjection:\n  - rampUsersPerSec: {from: 50, to: 600, during: 4m}\n");
        }
        var o = RunCommandTest.headroom("run", design.toString(), "--load", p.toString(), "--out", dir.resolve(name).toString());
        assertEquals(0, o.status(), o.err());
        return Files.readAllBytes(dir.resolve(name).resolve("summary.json"));
    }

    @Test
    void awsMixedInstancesPolicyRunsAsTheYamlFleet(@TempDir Path dir) throws Exception {
        byte[] yaml = summary(design(dir, "yaml.yaml", WRITTEN), dir, "yaml");
        String s = new String(yaml);
        assertTrue(s.contains("\"spot\""), "some instances ran on spot: " + s);
        byte[] inline = summary(design(dir, "inline.yaml", "instance:\n      MixedInstancesPolicy:\n"
                + "        LaunchTemplate: {Overrides: [{InstanceType: c6i.large}]}\n"
                + "        InstancesDistribution: {OnDemandBaseCapacity: 2, OnDemandPercentageAboveBaseCapacity: 50,"
                + " SpotAllocationStrategy: price-capacity-optimized}"), dir, "inline");
        assertArrayEquals(yaml, inline, "inline MixedInstancesPolicy");
        Files.copy(Path.of("..", "examples", "aws", "web-shop-asg.json"), dir.resolve("asg.json"));
        byte[] file = summary(design(dir, "file.yaml", "instance: {mixed-instances-policy: asg.json}"), dir, "file");
        assertArrayEquals(yaml, file, "describe-auto-scaling-groups' answer in a file");
        // the type written beside an Overrides-less policy
        byte[] beside = summary(design(dir, "beside.yaml", "instance: {type: c6i.large, MixedInstancesPolicy: {InstancesDistribution:"
                + " {OnDemandBaseCapacity: 2, OnDemandPercentageAboveBaseCapacity: 50}}}"), dir, "beside");
        assertArrayEquals(yaml, beside, "type beside the policy");
    }

    @Test
    void whatHeadroomDoesNotModelIsRefusedWhereItIsWritten(@TempDir Path dir) throws Exception {
        String json = Files.readString(Path.of("..", "examples", "aws", "web-shop-asg.json"));
        Files.writeString(dir.resolve("two.json"), json.replace("[{\"InstanceType\": \"c6i.large\", \"WeightedCapacity\": \"1\"}]",
                "[{\"InstanceType\": \"c6i.large\"}, {\"InstanceType\": \"c5.large\"}]"));
        String two = LocatedErrors.run(design(dir, "two.yaml", "instance: {mixed-instances-policy: two.json}"), dir, "two types");
        assertTrue(two.contains("components.api.instance.mixed-instances-policy: in " + dir.resolve("two.json") + ":8:"), two);
        assertTrue(two.contains("AutoScalingGroups[0].MixedInstancesPolicy.LaunchTemplate.Overrides[1].InstanceType: Headroom runs a group on"
                + " one instance type: this override's c5.large differs from c6i.large"), two);
        Files.writeString(dir.resolve("max.json"), json.replace("\"SpotMaxPrice\": \"\"", "\"SpotMaxPrice\": \"0.05\""));
        String max = LocatedErrors.run(design(dir, "max.yaml", "instance: {mixed-instances-policy: max.json}"), dir, "max price");
        assertTrue(max.contains(":15:") && max.contains("InstancesDistribution.SpotMaxPrice: a spot maximum price is not modelled"), max);
        String pct = LocatedErrors.run(design(dir, "pct.yaml", "instance: {MixedInstancesPolicy: {LaunchTemplate: {Overrides:"
                + " [{InstanceType: c6i.large}]}, InstancesDistribution: {OnDemandPercentageAboveBaseCapacity: 150}}}"), dir, "percentage");
        assertTrue(pct.endsWith("components.api.instance.MixedInstancesPolicy.InstancesDistribution.OnDemandPercentageAboveBaseCapacity:"
                + " a whole number from 0 to 100, got 150"), pct);
        String weighted = LocatedErrors.run(design(dir, "w.yaml", "instance: {MixedInstancesPolicy: {LaunchTemplate: {Overrides:"
                + " [{InstanceType: c6i.large, WeightedCapacity: \"2\"}]}}}"), dir, "weights");
        assertTrue(weighted.contains("WeightedCapacity: weighted capacity is not modelled"), weighted);
        String both = LocatedErrors.run(design(dir, "b.yaml", "instance: {market: spot, MixedInstancesPolicy: {LaunchTemplate: {Overrides:"
                + " [{InstanceType: c6i.large}]}}}"), dir, "market too");
        assertTrue(both.contains("components.api.instance.market: the mixed instances policy says how the group buys"), both);
        String none = LocatedErrors.run(design(dir, "n.yaml", "instance: {MixedInstancesPolicy: {InstancesDistribution: {}}}"), dir, "no type");
        assertTrue(none.contains("the instance type is in the launch template, which this JSON does not hold"), none);
    }
}
