package org.backcare.bench;

/**
 * One line of the result table: what was measured, the figure, the same-run baseline and their ratio where there
 * is one, the bar from docs/architecture.md and whether this run met it.
 */
record Row(String id, String measure, String figure, String baseline, String ratio, String bar, Boolean met) {

    static Row info(String id, String measure, String figure) {
        return new Row(id, measure, figure, "", "", "", null);
    }

    String verdict() {
        return met == null ? "" : met ? "met" : "NOT MET";
    }
}
