package org.backcare.web.service;

import jakarta.ws.rs.core.MultivaluedMap;

/** One call of the browser's to a service: method, which service, the path below it, the query, the headers. */
public record ServiceCall(
        String method,
        String service,
        String path,
        String rawQuery,
        MultivaluedMap<String, String> headers,
        byte[] body,
        String accessToken) {

    public boolean writes() {
        return !method.equals("GET") && !method.equals("HEAD");
    }
}
