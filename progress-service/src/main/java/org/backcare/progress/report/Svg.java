package org.backcare.progress.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * Small inline SVG charts for the report. Every chart has a title and a description (its alt text), prints its
 * values as text and tells series apart by marker and dash, not only by colour, so it reads in greyscale and on
 * paper.
 */
final class Svg {

    private Svg() {}

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;")
                .replace("'", "&#39;");
    }

    static String open(String id, int width, int height, String title, String description) {
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" aria-labelledby=\"%s-title %s-desc\"><title id=\"%s-title\">%s</title><desc id=\"%s-desc\">%s</desc>"
                .formatted(width, height, width, height, id, id, id, escape(title), id, escape(description));
    }

    static String text(double x, double y, String anchor, String cssClass, String content) {
        return "<text x=\"" + n(x) + "\" y=\"" + n(y) + "\" text-anchor=\"" + anchor + "\" class=\"" + cssClass + "\">"
                + escape(content) + "</text>";
    }

    /**
     * A coordinate or value with one decimal, as {@code String.format(Locale.ROOT, "%.1f", value)} writes it (half
     * up), without a Formatter: a report writes a few thousand of them, and the Formatter was a third of its time.
     */
    static String n(double value) {
        return n(new StringBuilder(8), value).toString();
    }

    static StringBuilder n(StringBuilder out, double value) {
        double tenths = Math.abs(value) * 10;
        if (!Double.isFinite(value)
                || tenths >= Long.MAX_VALUE / 2
                || Math.abs(tenths - Math.floor(tenths) - 0.5) < 1e-6) {
            // not finite, huge, or (nearly) a tie, where the decimal rounding of the value's shortest form decides
            return out.append(
                    Double.isFinite(value)
                            ? BigDecimal.valueOf(value)
                                    .setScale(1, RoundingMode.HALF_UP)
                                    .toPlainString()
                            : Double.toString(value));
        }
        long rounded = Math.round(tenths);
        if (value < 0 || (value == 0 && 1 / value < 0)) {
            out.append('-');
        }
        return out.append(rounded / 10).append('.').append(rounded % 10);
    }

    /** A series of a line chart: its label, marker ("circle" or "square"), dash, and values (null: no value). */
    record Series(String label, String marker, String dash, List<Double> values) {}

    /** A line chart over labelled columns, values printed above their markers. */
    static String lines(
            String id,
            String title,
            String description,
            List<String> columns,
            List<Series> series,
            double max,
            String unit) {
        int width = 640;
        int height = 220;
        double left = 40;
        double right = width - 10;
        double top = 30;
        double bottom = height - 40;
        double top0 = max <= 0 ? 1 : max;
        StringBuilder svg = new StringBuilder(open(id, width, height, title, description));
        svg.append("<line x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\" class=\"axis\"/>"
                .formatted(n(left), n(bottom), n(right), n(bottom)));
        svg.append(text(left - 6, top + 4, "end", "tick", fmt(top0) + " " + unit));
        svg.append(text(left - 6, bottom, "end", "tick", "0"));
        double step = columns.size() <= 1 ? 0 : (right - left - 20) / (columns.size() - 1);
        for (int i = 0; i < columns.size(); i++) {
            if (columns.size() <= 12 || i % 2 == 0) {
                svg.append(text(left + 10 + i * step, bottom + 16, "middle", "tick", columns.get(i)));
            }
        }
        int legendX = (int) left;
        for (Series s : series) {
            StringBuilder path = new StringBuilder();
            StringBuilder marks = new StringBuilder();
            for (int i = 0; i < s.values().size(); i++) {
                Double v = s.values().get(i);
                if (v == null) {
                    continue;
                }
                double x = left + 10 + i * step;
                double y = bottom - (bottom - top) * (v / top0);
                path.append(path.isEmpty() ? "M" : " L")
                        .append(n(x))
                        .append(' ')
                        .append(n(y));
                marks.append(marker(s.marker(), x, y));
                marks.append(text(x, y - 7, "middle", "value", fmt(v)));
            }
            svg.append("<path d=\"%s\" class=\"line\" stroke-dasharray=\"%s\"/>".formatted(path, s.dash()));
            svg.append(marks);
            svg.append(marker(s.marker(), legendX + 4, height - 10));
            svg.append(text(legendX + 12, height - 6, "start", "legend", s.label()));
            legendX += 14 + s.label().length() * 7 + 20;
        }
        return svg.append("</svg>").toString();
    }

    private static String marker(String kind, double x, double y) {
        return "square".equals(kind)
                ? "<rect x=\"" + n(x - 3.5) + "\" y=\"" + n(y - 3.5) + "\" width=\"7\" height=\"7\" class=\"mark\"/>"
                : "<circle cx=\"" + n(x) + "\" cy=\"" + n(y) + "\" r=\"3.5\" class=\"mark\"/>";
    }

    /** Horizontal bars with their labels and values written out. */
    record Bar(String label, double value) {}

    static String bars(String id, String title, String description, List<Bar> bars, String unit) {
        int width = 640;
        int rowHeight = 22;
        int height = 20 + bars.size() * rowHeight;
        double max = bars.stream().mapToDouble(Bar::value).max().orElse(0);
        double left = 200;
        double right = width - 80;
        StringBuilder svg = new StringBuilder(open(id, width, height, title, description));
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            double y = 10 + i * rowHeight;
            double w = max <= 0 ? 0 : (right - left) * (bar.value() / max);
            svg.append(text(left - 8, y + 14, "end", "label", bar.label()));
            svg.append("<rect x=\"%s\" y=\"%s\" width=\"%s\" height=\"16\" class=\"bar\"/>"
                    .formatted(n(left), n(y + 2), n(w)));
            svg.append(text(left + w + 6, y + 14, "start", "value", fmt(bar.value()) + " " + unit));
        }
        return svg.append("</svg>").toString();
    }

    static String fmt(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : n(value);
    }
}
