package org.backcare.session.service;

/** Something a client should show the person about a recorded set: a code and the sentence to say. */
public record SetWarning(String code, String message) {}
