package org.backcare.problem;

/** One field at fault: its name as the client sent it (a JSON path or a query parameter) and what is wrong. */
public record FieldViolation(String field, String message) {}
