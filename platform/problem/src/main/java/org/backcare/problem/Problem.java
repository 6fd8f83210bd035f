package org.backcare.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An RFC 9457 problem detail. {@code violations} names each field at fault; {@code type} is a stable URI a
 * client can switch on.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(
        String type, String title, int status, String detail, String instance, List<FieldViolation> violations) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_BASE = "https://backcare.org/problems/";

    public Problem withInstance(String path) {
        return new Problem(type, title, status, detail, path, violations);
    }
}
