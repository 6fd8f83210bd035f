package org.backcare.session.rest;

import java.util.List;

/** A page of a listing: the items, the zero-based page, its size and the total across pages. */
public record PageResponse<T>(List<T> items, int page, int size, long total) {}
