package org.backcare.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Where rules write what they find: one sentence per violation, naming the overlay and the object. */
final class Violations {

    private final String overlay;
    private final List<String> found;

    Violations(String overlay, List<String> found) {
        this.overlay = overlay;
        this.found = found;
    }

    /** A violation of one object: "prod: Kind name: message". */
    void of(JsonNode object, String message) {
        found.add(overlay + ": " + object.path("kind").asText() + " " + Manifests.name(object) + ": " + message);
    }

    /** A violation of the install as a whole: "prod: message". */
    void of(String message) {
        found.add(overlay + ": " + message);
    }
}
