package dev.simclr.launcher.report;

import java.util.OptionalDouble;

/** Reads single values out of a Prometheus text exposition ({@code /q/metrics}). */
public final class PrometheusText {

    private final String text;

    /** Wraps a scrape. */
    public PrometheusText(String text) {
        this.text = text == null ? "" : text;
    }

    /**
     * The value of the first sample of {@code metric} (any labels), e.g. {@code simclr_trainer_step}. Summed over label
     * sets when {@code sum} is true.
     */
    public OptionalDouble value(String metric, boolean sum) {
        double total = 0;
        boolean found = false;
        for (String line : text.split("\n")) {
            if (line.startsWith("#") || !line.startsWith(metric)) {
                continue;
            }
            String rest = line.substring(metric.length());
            if (!rest.startsWith("{") && !rest.startsWith(" ")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            try {
                double v = Double.parseDouble(line.substring(space + 1).trim());
                if (Double.isNaN(v)) {
                    continue;
                }
                if (!sum) {
                    return OptionalDouble.of(v);
                }
                total += v;
                found = true;
            } catch (NumberFormatException ignored) {
                // not a sample line
            }
        }
        return found ? OptionalDouble.of(total) : OptionalDouble.empty();
    }
}
