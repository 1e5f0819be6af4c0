package io.headroom.pricing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.headroom.design.pricing.PriceCatalogue;
import io.headroom.design.pricing.StoragePrice;
import io.headroom.design.storage.LifecycleRule;
import io.headroom.design.storage.Retrieval;
import io.headroom.design.storage.StorageSpec;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Stored data billed by hand, from the bundled catalogue's prices: a GB is 2^30 bytes, a month 730 hours.
 * Each expected figure is written as the arithmetic a reader can check against AWS's price pages.
 */
class StorageBillTest {
    private static final PriceCatalogue AWS = PriceCatalogue.defaultCatalogue();
    private static final long GIB = 1L << 30;
    private static final double HOUR = 3600;
    private static final double DAY = 86_400;

    private static StoragePrice price(String key) {
        return AWS.storage(key).orElseThrow();
    }

    private static StorageBill bill(StorageSpec s) {
        return new StorageBill("s", s, s.classes().stream().map(c -> price(s.type().catalogueKey(c))).toList());
    }

    private static StorageSpec volume(String cls, long gib, long growthGibPerDay, Long iops, Double mbps) {
        return new StorageSpec(null, StorageSpec.Kind.VOLUME, cls, gib * GIB, growthGibPerDay * GIB, null, null, null, null, iops, mbps);
    }

    @Test
    void theBundledPricesAreTheCitedOnes() {
        assertEquals(0.08, price("ebs-gp3").usdPerGbMonth());
        assertEquals(0.115, price("rds-gp3").usdPerGbMonth());
        assertEquals(0.023, price("s3-standard").usdPerGbMonth());
        assertEquals(0.0125, price("s3-standard-ia").usdPerGbMonth());
        assertEquals(0.0036, price("s3-glacier-flexible-retrieval").usdPerGbMonth());
        assertEquals(0.00099, price("s3-glacier-deep-archive").usdPerGbMonth());
        assertEquals(0.10, price("aurora-standard").usdPerGbMonth());
    }

    @Test
    void aGp3VolumePaysItsSizeAndWhatItProvisionsAboveTheBaseline() {
        StorageBill b = bill(volume("gp3", 500, 0, 6000L, 250.0));
        // 500 GB × 0.08 / 730 h; IOPS (6000 − 3000) × 0.005 + throughput (250 − 125) × 0.04 = 20 USD a month
        assertEquals(500 * 0.08 / 730, b.storedUsd(0, 0, HOUR), 1e-12);
        assertEquals(20.0 / 730, b.provisionedUsd(0, HOUR), 1e-12);
        assertEquals(500 * 0.08 / 730 * 24 + 20.0 / 730 * 24, b.usd(0, DAY), 1e-10);
        assertEquals((500 * 0.08 + 20) / 730, b.usdPerHour(1800), 1e-9);
    }

    @Test
    void anRdsGp3VolumeGrowingPast400GbGetsTwelveThousandIopsFromThen() {
        // 390 GB growing 20 GB a day reaches 400 GB after 12 h: 6000 IOPS cost (6000 − 3000) × 0.02 a month before, nothing after
        StorageSpec s = new StorageSpec(null, StorageSpec.Kind.DATABASE, "gp3", 390 * GIB, 20 * GIB, null, null, null, null, 6000L, null);
        StorageBill b = bill(s);
        assertEquals(3000 * 0.02 / 730 * 12, b.provisionedUsd(0, DAY), 1e-10);
        // stored: the mean size over the day (390 + 400) / 2 = 395 GB... over 24 h it grows to 410: mean 400 GB
        assertEquals(400 * 0.115 / 730 * 24, b.storedUsd(0, 0, DAY), 1e-10);
        assertEquals(390.0, b.bytesAt(0) / GIB, 1e-12);
        assertEquals(410.0, b.bytesAt(DAY) / GIB, 1e-12);
    }

    @Test
    void aGrowingBucketWithALifecycleMatchesHandComputation() {
        // 2 TiB written at 50 GiB a day: the oldest byte is 2048 / 50 = 40.96 days old. Standard holds the last 30 days
        // (1500 GiB), Standard-IA the rest (548 GiB, growing 50 GiB a day), Glacier nothing yet (nothing is 90 days old).
        StorageSpec s = new StorageSpec(null, StorageSpec.Kind.BUCKET, "standard", 2048 * GIB, 50 * GIB, null, (long) (1 << 20),
                List.of(new LifecycleRule(Duration.ofDays(30), "standard-ia"), new LifecycleRule(Duration.ofDays(90), "glacier-flexible-retrieval")),
                List.of(new Retrieval("standard-ia", 10 * GIB)), null, null);
        StorageBill b = bill(s);
        double hours = 24;
        assertEquals(1500 * 0.023 / 730 * hours, b.storedUsd(0, 0, DAY), 1e-10);
        double iaMeanGb = 548 + 50.0 / 2; // linear growth over the day
        assertEquals(iaMeanGb * 0.0125 / 730 * hours, b.storedUsd(1, 0, DAY), 1e-10);
        assertEquals(0.0, b.storedUsd(2, 0, DAY));
        // a day moves 50 GiB of 1 MiB objects into Standard-IA: 51,200 transitions at 0.01 per 1,000
        assertEquals(51_200, b.transitions(1, 0, DAY), 1e-6);
        assertEquals(51_200 / 1000.0 * 0.01, b.transitionUsd(1, 0, DAY), 1e-10);
        assertEquals(10 * 0.01, b.retrievalUsd(0, 0, DAY), 1e-12);
        double total = (1500 * 0.023 + iaMeanGb * 0.0125) / 730 * hours + 0.512 + 0.1;
        assertEquals(total, b.usd(0, DAY), 1e-9);
        // 60 days on, the first bytes reach 90 days (at day 49.04) and Glacier fills at 50 GiB a day
        double from = 60 * DAY;
        double to = 61 * DAY;
        double glacierMean = (60.5 - 49.04) * 50;
        assertEquals(glacierMean * 0.0036 / 730 * 24, b.storedUsd(2, from, to), 1e-9);
        assertEquals(60 * 50 * 0.0125 / 730 * 24, b.storedUsd(1, from, to), 1e-9); // IA holds exactly ages 30..90 days
    }

    @Test
    void aBucketWithoutGrowthMovesAllAtOnceWhenItsAgeComes() {
        // 100 GiB of 4 MiB objects, 29.5 days old: Standard for 12 h, then Standard-IA; 25,600 objects move at 12 h
        StorageSpec s = new StorageSpec(null, StorageSpec.Kind.BUCKET, "standard", 100 * GIB, null, Duration.ofHours(29 * 24 + 12),
                4L << 20, List.of(new LifecycleRule(Duration.ofDays(30), "standard-ia")), null, null, null);
        StorageBill b = bill(s);
        assertEquals(100 * 0.023 / 730 * 12, b.storedUsd(0, 0, DAY), 1e-10);
        assertEquals(100 * 0.0125 / 730 * 12, b.storedUsd(1, 0, DAY), 1e-10);
        assertEquals(25_600, b.transitions(1, 0, DAY), 1e-9);
        assertEquals(0, b.transitions(1, 0, 12 * HOUR - 1));
        assertEquals(25_600, b.transitions(1, 12 * HOUR - 1, 12 * HOUR));
        assertEquals(b.usd(0, DAY), b.usd(0, 7 * HOUR) + b.usd(7 * HOUR, 12 * HOUR) + b.usd(12 * HOUR, DAY), 1e-12);
    }
}
