package io.headroom.pricing;

import io.headroom.design.pricing.Architecture;
import io.headroom.design.pricing.CommitmentSpec;
import io.headroom.design.pricing.InstanceSpec;
import io.headroom.design.pricing.InstanceType;
import io.headroom.design.pricing.PriceCatalogue;
import io.headroom.design.pricing.Term;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headroom.design.DesignReader;
import io.headroom.design.ServiceSpec;
import io.headroom.yaml.BadInputException;
import io.headroom.yaml.FieldError;
import io.headroom.yaml.InputError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bundled catalogue, a user's own, and the located errors for names and rows that are wrong. */
class PriceCatalogueTest {
    @TempDir
    Path dir;

    @Test
    void theBundledCatalogueHasThe2026UsEast1Rows() {
        PriceCatalogue aws = PriceCatalogue.defaultCatalogue();
        assertEquals("aws-us-east-1", aws.name());
        assertEquals(139, aws.types().size()); // 156 rows of the 2026-07 snapshot, less 17 bare-metal ones
        assertEquals(new InstanceType("c6i.large", 2, 4, 0.085), aws.type("c6i.large"));
        assertEquals(new InstanceType("r6i.large", 2, 16, 0.126), aws.type("r6i.large"));
        assertEquals(new InstanceType("t3.medium", 2, 4, 0.0416), aws.type("t3.medium"));
        assertEquals(new InstanceType("m6g.medium", 1, 4, 0.0385), aws.type("m6g.medium"));
        assertTrue(aws.types().keySet().stream().noneMatch(n -> n.contains("metal")));
        assertEquals(0.0000166667, aws.functionPrice(Architecture.X86_64).usdPerGbSecond());
        assertEquals(0.0000133334, aws.functionPrice(Architecture.ARM64).usdPerGbSecond());
        assertEquals(0.2e-6, aws.functionPrice(Architecture.ARM64).usdPerRequest(), 1e-18);
        assertEquals(0.50, aws.reservedDiscount(Term.THREE_YEARS));
        assertEquals(0.45, aws.savingsPlanDiscount(Term.THREE_YEARS));
        assertEquals(0.00007, aws.spotInterruptionsPerHour());
    }

    @Test
    void anUnknownTypeSuggestsTheNearestName() {
        PriceCatalogue aws = PriceCatalogue.defaultCatalogue();
        FieldError e = assertThrows(FieldError.class, () -> aws.type("c6i.lrge"));
        assertEquals("type", e.field());
        assertEquals("unknown instance type 'c6i.lrge' in catalogue aws-us-east-1: did you mean 'c6i.large'?", e.getMessage());
        String far = aws.unknownType("c6i.huge");
        assertTrue(far.contains("types of that family: c6i.12xlarge"), far);
        assertTrue(aws.unknownType("zz9.huge").contains("families: c5, c6g"), aws.unknownType("zz9.huge"));
    }

    @Test
    void coresComeFromTheTypeUnlessSet() {
        PriceCatalogue aws = PriceCatalogue.defaultCatalogue();
        assertEquals(2, aws.cores(null, InstanceSpec.onDemand("c6i.large"), 16));
        assertEquals(16, aws.cores(null, InstanceSpec.onDemand("c6i.4xlarge"), 64));
        assertEquals(3, aws.cores(3, InstanceSpec.onDemand("c6i.large"), 16));
        assertEquals(16, aws.cores(null, null, 16));
    }

    @Test
    void aUserCatalogueExtendsTheBundledOne() throws Exception {
        write("prices/mine.yaml", """
                name: negotiated
                base: aws-us-east-1
                instances:
                  - {name: c6i.large, vcpu: 2, memory-gib: 4, usd-per-hour: 0.07}
                  - {name: x1.tiny, vcpu: 1, memory-gib: 0.5, usd-per-hour: 0.001}
                reserved: {1y: 0.4}
                load-balancer-usd-per-hour: 0.03
                """);
        PriceCatalogue mine = PriceCatalogue.read(dir.resolve("prices/mine.yaml"));
        assertEquals(140, mine.types().size());
        assertEquals(0.07, mine.type("c6i.large").onDemandUsdPerHour());
        assertEquals(0.096, mine.type("m6i.large").onDemandUsdPerHour());
        assertEquals(0.4, mine.reservedDiscount(Term.ONE_YEAR));
        assertEquals(0.5, mine.reservedDiscount(Term.THREE_YEARS));
        assertEquals(0.03, mine.loadBalancerUsdPerHour());
        assertEquals(0.6, mine.spotDiscount());
    }

    @Test
    void aUserCatalogueFromCsvWithoutBase() throws Exception {
        write("rows.csv", """
                instance_type,vcpu,memory_gib,ondemand_usd_per_hour,note
                a.large,2,4,0.1,x

                b.xlarge,4,8,0.2,y
                """);
        write("own.yaml", "name: own\ninstances-csv: rows.csv\nspot: {discount: 0.7}\n");
        PriceCatalogue own = PriceCatalogue.read(dir.resolve("own.yaml"));
        assertEquals(List.of("a.large", "b.xlarge"), List.copyOf(own.types().keySet()));
        assertEquals(0.7, own.spotDiscount());
        assertEquals(0.0225, own.loadBalancerUsdPerHour()); // the bundled default
    }

    @Test
    void badCsvRowsAreLocated() throws Exception {
        write("rows.csv", """
                instance_type,vcpu,memory_gib,ondemand_usd_per_hour
                a.large,2,4,0.1
                b.large,two,4,0.1
                c.large,2,-4,0.1
                a.large,2,4,0.1
                """);
        write("own.yaml", "name: own\ninstances-csv: rows.csv\n");
        BadInputException e = assertThrows(BadInputException.class, () -> PriceCatalogue.read(dir.resolve("own.yaml")));
        List<String> lines = e.errors().stream().map(InputError::format).toList();
        String csv = dir.resolve("rows.csv").toString();
        assertEquals(List.of(
                csv + ":3:9: b.large: vcpu must be a whole number of at least 1, got 'two'",
                csv + ":4:11: c.large: memory_gib must be a positive number, got '-4'",
                csv + ":5:1: a.large is listed twice (also on line 2)"), lines);
    }

    @Test
    void badCatalogueKeysAreLocated() throws Exception {
        write("own.yaml", "name: own\ninstances:\n  - {name: a.large, vcpu: 0, memory-gib: 4, usd-per-hour: 0.1}\n"
                + "reserved: {1y: 1.5}\n");
        BadInputException e = assertThrows(BadInputException.class, () -> PriceCatalogue.read(dir.resolve("own.yaml")));
        InputError err = e.errors().get(0);
        assertEquals(3, err.mark().line(), err.format());
        assertEquals("instances[0].vcpu", err.path());
        write("none.yaml", "name: none\nbase: aws-us-east2\n");
        e = assertThrows(BadInputException.class, () -> PriceCatalogue.read(dir.resolve("none.yaml")));
        assertTrue(e.getMessage().endsWith("base: no bundled catalogue 'aws-us-east2': did you mean 'aws-us-east-1'?"), e.getMessage());
    }

    private static final String DESIGN = """
            name: shop
            entry: api
            %s
            components:
              api:
                type: service
                instance: %s
                concurrency: 8
                endpoints:
                  default: {demand: {dist: exponential, mean: 10ms}}
            """;

    @Test
    void aDesignNamesTypesFromItsCatalogue() throws Exception {
        Path design = write("shop.yaml", DESIGN.formatted("commitments:\n  - {type: c6i.large, count: 2, term: 3y}\n"
                + "  - {savings-plan: compute, usd-per-hour: 1.5}", "{type: c6i.xlarge, on-demand-base: 2, on-demand-percentage-above-base: 50,"
                + " spot: {discount: 0.65}}"));
        DesignReader.Loaded loaded = DesignReader.read(design);
        ServiceSpec api = (ServiceSpec) loaded.design().components().get("api");
        InstanceSpec i = api.instance();
        assertEquals("c6i.xlarge", i.type());
        assertEquals(2, i.onDemandBase());
        assertEquals(50, i.onDemandPercentageAboveBase());
        assertEquals(0.65, i.spotDiscount(PriceCatalogue.defaultCatalogue()));
        assertEquals(4, PriceCatalogue.resolve(loaded.design().pricing(), loaded.baseDir()).cores(api.cores(), i, api.concurrency()));
        List<CommitmentSpec> c = loaded.design().commitments();
        assertEquals(CommitmentSpec.reserved("c6i.large", 2, Term.THREE_YEARS), c.get(0));
        assertEquals(CommitmentSpec.savingsPlan(1.5, Term.ONE_YEAR), c.get(1));
    }

    @Test
    void anUnknownTypeInADesignIsLocated() throws Exception {
        Path design = write("shop.yaml", DESIGN.formatted("commitments:\n  - {type: c6i.largee, count: 2}", "{type: m6i.lrge}"));
        BadInputException e = assertThrows(BadInputException.class, () -> DesignReader.read(design));
        List<String> lines = e.errors().stream().map(InputError::format).toList();
        assertEquals(List.of(
                design + ":8:22: components.api.instance.type: unknown instance type 'm6i.lrge' in catalogue aws-us-east-1:"
                        + " did you mean 'm6i.large'?",
                design + ":4:12: commitments[0].type: unknown instance type 'c6i.largee' in catalogue aws-us-east-1:"
                        + " did you mean 'c6i.large'?"), lines);
    }

    @Test
    void aDesignMayUseItsOwnCatalogue() throws Exception {
        write("prices/own.yaml", "name: own\ninstances:\n  - {name: box.small, vcpu: 3, memory-gib: 4, usd-per-hour: 0.05}\n");
        Path design = write("shop.yaml", DESIGN.formatted("pricing: prices/own.yaml", "{type: box.small}"));
        DesignReader.Loaded loaded = DesignReader.read(design);
        PriceCatalogue own = PriceCatalogue.resolve(loaded.design().pricing(), loaded.baseDir());
        assertEquals(3, own.type("box.small").vcpu());
        Path missing = write("shop2.yaml", DESIGN.formatted("pricing: prices/gone.yaml", "{type: box.small}"));
        BadInputException e = assertThrows(BadInputException.class, () -> DesignReader.read(missing));
        assertTrue(e.getMessage().startsWith(missing + ":3:10: pricing: 'prices/gone.yaml' is neither a bundled catalogue"
                + " (aws-us-east-1) nor a catalogue file"), e.getMessage());
    }

    @Test
    void instanceAndCommitmentKeysAreChecked() throws Exception {
        assertRefused("{type: c6i.large, market: spot, on-demand-base: 1}", "components.api.instance.market",
                "give either market: or a mixed fleet");
        assertRefused("{type: c6i.large, on-demand-percentage-above-base: 150}", "components.api.instance.on-demand-percentage-above-base",
                "a percentage from 0 to 100, got 150");
        assertRefused("{type: c6i.large, spot: {discount: 0.5}}", "components.api.instance.spot", "spot settings on a fleet that is all");
        assertRefused("{type: c6i.large, market: spot, spot: {discount: 1.5}}", "components.api.instance.spot.discount",
                "a discount is a fraction");
        Path design = write("shop.yaml", DESIGN.formatted("commitments:\n  - {savings-plan: ec2, usd-per-hour: 1}",
                "{type: c6i.large}"));
        BadInputException e = assertThrows(BadInputException.class, () -> DesignReader.read(design));
        assertEquals("commitments[0].savings-plan", e.errors().get(0).path(), e.getMessage());
    }

    private void assertRefused(String instance, String path, String message) throws IOException {
        Path design = write("refused.yaml", DESIGN.formatted("", instance));
        BadInputException e = assertThrows(BadInputException.class, () -> DesignReader.read(design), instance);
        InputError err = e.errors().get(0);
        assertEquals(path, err.path(), err.format());
        assertTrue(err.message().contains(message), err.format());
        assertFalse(err.format().contains("Exception"), err.format());
    }

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }
}
