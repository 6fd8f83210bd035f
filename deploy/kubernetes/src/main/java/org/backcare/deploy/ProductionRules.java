package org.backcare.deploy;

/** One group of production rules (Kafka, identity, storage, observability...), run by {@link ManifestPolicies}. */
interface ProductionRules {

    /** Writes every violation of these rules in the rendered prod install to {@code violations}. */
    void check(Manifests manifests, Violations violations);
}
