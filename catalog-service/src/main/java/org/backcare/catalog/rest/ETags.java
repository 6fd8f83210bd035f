package org.backcare.catalog.rest;

import jakarta.ws.rs.core.EntityTag;
import org.backcare.problem.ProblemException;

/** Versions as entity tags: a resource at version 3 has the ETag "3"; If-Match must name the current one. */
final class ETags {

    private ETags() {}

    static EntityTag of(long version) {
        return new EntityTag(Long.toString(version));
    }

    /** The version an If-Match header names; 428 when it is missing, 400 when it names no version. */
    static long required(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw ProblemException.preconditionRequired(
                    "send If-Match with the ETag of the version you read, so a concurrent change is not overwritten");
        }
        return parse(ifMatch);
    }

    /** The version an optional If-Match header names, or null. */
    static Long optional(String ifMatch) {
        return ifMatch == null || ifMatch.isBlank() ? null : parse(ifMatch);
    }

    private static long parse(String ifMatch) {
        String tag = ifMatch.trim();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        tag = tag.replace("\"", "");
        try {
            return Long.parseLong(tag);
        } catch (NumberFormatException e) {
            throw ProblemException.invalidField("If-Match", "'" + ifMatch + "' is not an ETag of this resource");
        }
    }
}
