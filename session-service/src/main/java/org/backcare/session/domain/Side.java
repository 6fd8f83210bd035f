package org.backcare.session.domain;

/** The side a set of a sided exercise was done on. */
public enum Side {
    LEFT,
    RIGHT
}
