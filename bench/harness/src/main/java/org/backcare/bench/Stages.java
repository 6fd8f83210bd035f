package org.backcare.bench;

import java.util.Map;
import java.util.TreeMap;

/**
 * Where an event's time goes between the stack's stages, from the services' own Prometheus histograms read before
 * and after a window: the outbox relay (commit to Kafka's acknowledgement, {@code outbox_relay_delay_seconds}), the
 * live consumer (the record's send to its batch's commit, {@code progress_consumer_delay_seconds}) and a batch's
 * apply ({@code progress_consumer_batch_apply_seconds}). A percentile is the upper bound of the histogram's bucket
 * that holds it.
 */
final class Stages {

    /** One histogram's counts: total, sum in seconds and the cumulative count per bucket's upper bound. */
    record Histogram(double count, double sum, TreeMap<Double, Double> buckets) {

        static Histogram of(String metrics, String name) {
            double count = 0;
            double sum = 0;
            TreeMap<Double, Double> buckets = new TreeMap<>();
            for (String line : metrics.split("\n")) {
                if (line.startsWith("#") || !line.startsWith(name + "_")) {
                    continue;
                }
                double value = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                String series = line.substring(0, line.lastIndexOf(' '));
                if (series.startsWith(name + "_count")) {
                    count += value;
                } else if (series.startsWith(name + "_sum")) {
                    sum += value;
                } else if (series.startsWith(name + "_bucket")) {
                    int le = series.indexOf("le=\"");
                    String bound = series.substring(le + 4, series.indexOf('"', le + 4));
                    double upper = bound.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(bound);
                    buckets.merge(upper, value, Double::sum);
                }
            }
            return new Histogram(count, sum, buckets);
        }

        Histogram minus(Histogram before) {
            TreeMap<Double, Double> delta = new TreeMap<>();
            buckets.forEach((upper, n) -> delta.put(upper, n - before.buckets.getOrDefault(upper, 0.0)));
            return new Histogram(count - before.count, sum - before.sum, delta);
        }

        /** "n, mean X ms, p99 <= Y ms", or "none". */
        String describe() {
            if (count <= 0) {
                return "none";
            }
            String p99 = "";
            for (Map.Entry<Double, Double> bucket : buckets.entrySet()) {
                if (bucket.getValue() >= 0.99 * count) {
                    p99 = Double.isInfinite(bucket.getKey())
                            ? ", p99 beyond the last bucket"
                            : String.format(", p99 <= %.0f ms", bucket.getKey() * 1000);
                    break;
                }
            }
            return String.format("%.0f, mean %.0f ms%s", count, 1000 * sum / count, p99);
        }
    }

    private final Api api;
    private final String sessionUrl;
    private final String progressUrl;
    private Histogram relay;
    private Histogram consumer;
    private Histogram batches;

    Stages(Api api, String sessionUrl, String progressUrl) {
        this.api = api;
        this.sessionUrl = sessionUrl;
        this.progressUrl = progressUrl;
    }

    /** Reads the histograms at the start of the window. */
    void start() {
        String session = metrics(sessionUrl);
        String progress = metrics(progressUrl);
        relay = Histogram.of(session, "outbox_relay_delay_seconds");
        consumer = Histogram.of(progress, "progress_consumer_delay_seconds");
        batches = Histogram.of(progress, "progress_consumer_batch_apply_seconds");
    }

    /** What the window added to each, as one line. */
    String sinceStart() {
        String session = metrics(sessionUrl);
        String progress = metrics(progressUrl);
        return "events from commit to Kafka's ack (the relay): "
                + Histogram.of(session, "outbox_relay_delay_seconds")
                        .minus(relay)
                        .describe()
                + "; from the send to the consumer's commit: "
                + Histogram.of(progress, "progress_consumer_delay_seconds")
                        .minus(consumer)
                        .describe()
                + "; batches applied: "
                + Histogram.of(progress, "progress_consumer_batch_apply_seconds")
                        .minus(batches)
                        .describe();
    }

    private String metrics(String url) {
        Api.Answer answer = api.get(url + "/q/metrics", null, "text/plain");
        return answer.ok() ? answer.body() : "";
    }
}
