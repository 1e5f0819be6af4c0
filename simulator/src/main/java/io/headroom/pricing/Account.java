package io.headroom.pricing;

/**
 * One component's charges as the ledger books them: instance cost by how it was paid (on demand,
 * spot, the reservation and savings-plan value its instances used), load balancer hours, stored data, and how
 * long its instances ran.
 */
final class Account {
    final String name;
    double onDemandUsd;
    double spotUsd;
    double reservedUsedUsd;
    double planUsedUsd;
    double loadBalancerUsd;
    double storageUsd;
    long instanceNs;
    int loadBalancers;

    Account(String name) {
        this.name = name;
    }

    /** Instance cost: on-demand and spot charges and the commitment value its instances used. */
    double instancesUsd() {
        return onDemandUsd + spotUsd + reservedUsedUsd + planUsedUsd;
    }
}
