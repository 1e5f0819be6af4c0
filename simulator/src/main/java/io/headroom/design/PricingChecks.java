package io.headroom.design;

import io.headroom.design.pricing.CommitmentSpec;
import io.headroom.design.pricing.InstanceSpec;
import io.headroom.design.pricing.PriceCatalogue;
import io.headroom.yaml.BadInputException;
import io.headroom.yaml.FieldError;
import io.headroom.yaml.InputError;
import io.headroom.yaml.YamlDocument;
import java.util.List;
import java.util.Map;

/**
 * What a design prices, checked against its price catalogue: the catalogue named by {@code pricing:} can be read, and
 * every instance type, database class, cache node and storage class a component, a commitment or a bucket names is in
 * it (with the nearest name when one is a few letters off); a reference instance's family has a speed; CPU credits
 * belong to burstable types. The cluster's pools are checked by {@link ClusterChecks}, CPU targets by {@link CpuTargets}.
 */
final class PricingChecks {
    private PricingChecks() {
    }

    /**
     * The catalogue named by {@code pricing:} can be read, and every instance type a component or a
     * reserved-instance commitment names is in it (with the nearest name when one is a few letters off),
     * as is every storage class a store names.
     */
    static void check(Design design, YamlDocument doc, List<InputError> errors) {
        PriceCatalogue catalogue;
        try {
            catalogue = PriceCatalogue.forDesign(design.pricing(), doc);
        } catch (BadInputException e) {
            errors.addAll(e.errors());
            return;
        }
        ClusterChecks.check(design, doc, catalogue, errors);
        String reference = design.referenceInstance();
        if (reference != null && catalogue.family(reference).isEmpty()) {
            errors.add(doc.error("reference-instance", noSpeed(reference, catalogue)));
            reference = null;
        }
        for (Map.Entry<String, ComponentSpec> c : design.components().entrySet()) {
            InstanceSpec instance = c.getValue() instanceof ServiceSpec s ? s.instance()
                    : c.getValue() instanceof ShardedStoreSpec st ? st.instance()
                    : c.getValue() instanceof DatabaseSpec db ? db.instance() : null;
            if (reference != null && instance != null && catalogue.family(instance.type()).isEmpty()) {
                errors.add(doc.error("components." + c.getKey() + ".instance.type", noSpeed(instance.type(), catalogue)
                        + ": its demand cannot be carried over from reference-instance " + reference));
            }
            if (c.getValue() instanceof DatabaseSpec db && db.managed()) {
                checkDatabasePricing("components." + c.getKey(), db, catalogue, doc, errors);
            } else if (instance != null && catalogue.find(instance.type()).isEmpty()) {
                errors.add(doc.error("components." + c.getKey() + ".instance.type", catalogue.unknownType(instance.type())));
            } else if (instance != null) {
                checkCredits("components." + c.getKey() + ".instance", instance, catalogue, doc, errors);
            }
            if (c.getValue() instanceof DatabaseSpec db && db.storage() != null) {
                checkStorage("components." + c.getKey() + ".storage", db.storageSpec(), catalogue, doc, errors);
            }
            if (c.getValue() instanceof CacheSpec cache && cache.instance() != null) {
                try {
                    catalogue.cacheNode(cache.instance().type());
                } catch (io.headroom.yaml.FieldError e) {
                    errors.add(doc.error("components." + c.getKey() + ".instance.type", e.getMessage()));
                }
            }
        }
        for (int i = 0; i < design.commitments().size(); i++) {
            CommitmentSpec commitment = design.commitments().get(i);
            if (commitment.isReservedInstance() && (commitment.type().startsWith("db.") || commitment.type().startsWith("cache."))) {
                try {
                    if (commitment.type().startsWith("db.")) {
                        catalogue.databaseClass(commitment.engine(), commitment.type());
                    } else {
                        catalogue.cacheNode(commitment.type());
                    }
                } catch (io.headroom.yaml.FieldError e) {
                    errors.add(doc.error("commitments[" + i + "]." + e.field(), e.getMessage()));
                }
            } else if (commitment.isReservedInstance() && catalogue.find(commitment.type()).isEmpty()) {
                errors.add(doc.error("commitments[" + i + "].type", catalogue.unknownType(commitment.type())));
            }
        }
        CpuTargets.check(design, doc, catalogue, errors);
        for (Map.Entry<String, io.headroom.design.storage.StorageSpec> e : design.storage().entrySet()) {
            checkStorage("storage." + e.getKey(), e.getValue(), catalogue, doc, errors);
        }
    }

    /** A managed database's DB instance class is priced for its engine. */
    private static void checkDatabasePricing(String path, DatabaseSpec db, PriceCatalogue catalogue, YamlDocument doc,
                                             List<InputError> errors) {
        try {
            catalogue.databaseClass(db.engine(), db.instance().type());
        } catch (io.headroom.yaml.FieldError e) {
            errors.add(doc.error(path + ("engine".equals(e.field()) ? ".engine" : ".instance.type"), e.getMessage()));
        }
    }

    /** Every class a store passes through is priced in the catalogue, and each retrieval reads a class the store has. */
    static void checkStorage(String path, io.headroom.design.storage.StorageSpec store, PriceCatalogue catalogue, YamlDocument doc,
                             List<InputError> errors) {
        List<String> classes = store.classes();
        for (int k = 0; k < classes.size(); k++) {
            String key = store.type().catalogueKey(classes.get(k));
            if (catalogue.storage(key).isEmpty()) {
                String at = k == 0 ? path + ".class" : path + ".lifecycle[" + (k - 1) + "].class";
                String prefix = store.type().catalogueKey("");
                List<String> known = catalogue.storageClasses().keySet().stream().filter(n -> n.startsWith(prefix))
                        .map(n -> n.substring(prefix.length())).toList();
                errors.add(doc.error(at, "no " + store.type().yamlName() + " storage class '" + classes.get(k) + "' in catalogue "
                        + catalogue.name() + io.headroom.yaml.Suggestions.suggestion(classes.get(k), known, "classes: " + String.join(", ", known))));
            }
        }
        var own = catalogue.storage(store.type().catalogueKey(classes.get(0)));
        if (own.isPresent() && store.iops() != null && own.get().usdPerIopsMonth() == 0) {
            errors.add(doc.error(path + ".iops", "class " + classes.get(0) + " has no provisioned IOPS (its IOPS come with its size):"
                    + " remove iops, or use a class that provisions them (gp3, io1)"));
        }
        if (own.isPresent() && store.throughput() != null && own.get().usdPerMbpsMonth() == 0) {
            errors.add(doc.error(path + ".throughput", "class " + classes.get(0) + " has no provisioned throughput: remove throughput,"
                    + " or use gp3"));
        }
        for (int i = 0; i < store.retrievals().size(); i++) {
            String c = store.retrievals().get(i).storageClass();
            if (!classes.contains(c)) {
                errors.add(doc.error(path + ".retrievals[" + i + "].class", "'" + c + "' is not a class this " + store.type().yamlName()
                        + " holds data in (" + String.join(", ", classes) + ")"));
            }
        }
    }

    /** CPU credits belong to a burstable type, and a starting balance is no more than it can hold (24 hours of earning). */
    private static void checkCredits(String path, InstanceSpec instance, PriceCatalogue catalogue, YamlDocument doc,
                                     List<InputError> errors) {
        java.util.OptionalDouble baseline = catalogue.burstableBaseline(instance.type());
        if (baseline.isEmpty()) {
            if (instance.credits() != null || instance.initialCredits() != null) {
                errors.add(doc.error(path + (instance.credits() != null ? ".credits" : ".initial-credits"), instance.type()
                        + " is not a burstable type: CPU credits belong to the burstable families' types ("
                        + String.join(", ", new java.util.TreeSet<>(catalogue.burstableTypes().keySet().stream()
                                .map(PriceCatalogue::familyOf).toList())) + ")"));
            }
            return;
        }
        double max = 24 * 60 * baseline.getAsDouble() * catalogue.type(instance.type()).vcpu();
        if (instance.initialCredits() != null && instance.initialCredits() > max + 1e-9) {
            errors.add(doc.error(path + ".initial-credits", instance.type() + " holds at most " + FieldError.number(max)
                    + " credits (24 hours of earning), got " + FieldError.number(instance.initialCredits())));
        }
    }

    private static String noSpeed(String type, PriceCatalogue catalogue) {
        return "the catalogue " + catalogue.name() + " has no speed for the family of " + type + " ('" + PriceCatalogue.familyOf(type)
                + "'; known: " + String.join(", ", catalogue.families().keySet()) + "): add it under families: in a catalogue of your own";
    }
}
