package io.headroom.pricing;

import java.util.Map;

/**
 * What one store of data cost over a run, as {@code cost.storage.<name>} of summary.json reports it.
 *
 * @param type           {@code bucket}, {@code volume} or {@code database}
 * @param gbStart        GB (2<sup>30</sup> bytes) stored at the start of the run
 * @param gbEnd          GB stored at its end
 * @param usd            everything it cost: stored data, provisioned IOPS and throughput, transitions, retrievals
 * @param byClass        the stored GB-months' cost per storage class, in lifecycle order
 * @param provisionedUsd IOPS and throughput provisioned above what the class includes
 * @param transitions    objects the lifecycle moved to another class
 * @param transitionUsd  what those transitions cost
 * @param retrievalGb    GB read back from classes that charge for it
 * @param retrievalUsd   what those retrievals cost
 */
public record StorageFigures(String type, double gbStart, double gbEnd, double usd, Map<String, Double> byClass,
                             double provisionedUsd, double transitions, double transitionUsd, double retrievalGb,
                             double retrievalUsd) {
    public StorageFigures {
        byClass = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(byClass));
    }

    /** The figures of {@code bill} over {@code [0, endS]} seconds. */
    public static StorageFigures of(StorageBill bill, double endS) {
        Map<String, Double> byClass = new java.util.LinkedHashMap<>();
        double transitions = 0;
        double transitionUsd = 0;
        var classes = bill.spec().classes();
        for (int k = 0; k < bill.classes(); k++) {
            byClass.merge(classes.get(k), bill.storedUsd(k, 0, endS), Double::sum);
            transitions += bill.transitions(k, 0, endS);
            transitionUsd += bill.transitionUsd(k, 0, endS);
        }
        double retrievalGb = 0;
        double retrievalUsd = 0;
        for (int i = 0; i < bill.spec().retrievals().size(); i++) {
            retrievalGb += bill.retrievedGb(i, 0, endS);
            retrievalUsd += bill.retrievalUsd(i, 0, endS);
        }
        double gb = io.headroom.design.storage.StorageSpec.BYTES_PER_GB;
        return new StorageFigures(bill.spec().type().yamlName(), bill.bytesAt(0) / gb, bill.bytesAt(endS) / gb, bill.usd(0, endS), byClass,
                bill.provisionedUsd(0, endS), transitions, transitionUsd, retrievalGb, retrievalUsd);
    }
}
