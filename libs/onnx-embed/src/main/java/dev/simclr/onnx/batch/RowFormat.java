package dev.simclr.onnx.batch;

import java.util.Locale;

/**
 * How feature rows are written: JSON lines {@code {"image": ..., "features": [...]}} (non-finite values as
 * {@code null}) or CSV with a header {@code image,f0,...,f<D-1>} (names quoted when needed).
 */
public enum RowFormat {
    /** One JSON object per line. */
    JSONL,
    /** A header line, then one comma-separated line per image. */
    CSV;

    /**
     * Parses {@code jsonl} or {@code csv}.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static RowFormat parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "jsonl" -> JSONL;
            case "csv" -> CSV;
            default -> throw new IllegalArgumentException("format must be jsonl or csv, got '" + text + "'");
        };
    }

    /** The header line, or null when the format has none. */
    public String header(int dim) {
        if (this != CSV) {
            return null;
        }
        StringBuilder b = new StringBuilder("image");
        for (int i = 0; i < dim; i++) {
            b.append(",f").append(i);
        }
        return b.toString();
    }

    /** One output line (without the line separator). */
    public String row(String image, float[] features) {
        StringBuilder b = new StringBuilder(16 + features.length * 12);
        if (this == CSV) {
            b.append(csv(image));
            for (float f : features) {
                b.append(',').append(f);
            }
            return b.toString();
        }
        b.append("{\"image\":").append(json(image)).append(",\"features\":[");
        for (int i = 0; i < features.length; i++) {
            if (i > 0) {
                b.append(',');
            }
            if (Float.isFinite(features[i])) {
                b.append(features[i]);
            } else {
                b.append("null");
            }
        }
        return b.append("]}").toString();
    }

    private static String csv(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    private static String json(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
