package dev.simclr.onnx;

import dev.simclr.augment.resize.ResizeMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Command line of {@link EmbedCli}.
 *
 * @param model the encoder.onnx file
 * @param format {@code jsonl} or {@code csv}
 * @param resizeMode override of the model's resize mode, or null
 * @param batchSize images per ONNX Runtime call
 * @param threads intra-op threads (0 = ONNX Runtime's choice)
 * @param images image files, in output order
 */
record EmbedArgs(Path model, String format, ResizeMode resizeMode, int batchSize, int threads, List<Path> images) {

  static final String USAGE = "usage: EmbedCli --model encoder.onnx [--format jsonl|csv] [--resize pad|resize] "
      + "[--batch N] [--threads N] image...";

  /**
   * Parses the arguments.
   *
   * @throws IllegalArgumentException with a one-line reason
   */
  static EmbedArgs parse(String[] args) {
    Path model = null;
    String format = "jsonl";
    ResizeMode resize = null;
    int batch = 64;
    int threads = 0;
    List<Path> images = new ArrayList<>();
    boolean options = true;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (options && a.equals("--")) {
        options = false;
      } else if (options && a.startsWith("--")) {
        String value = i + 1 < args.length ? args[++i] : null;
        if (value == null) {
          throw new IllegalArgumentException(a + " needs a value");
        }
        switch (a) {
          case "--model" -> model = Path.of(value);
          case "--format" -> format = format(value);
          case "--resize" -> resize = ResizeMode.parse(value);
          case "--batch" -> batch = positive(a, value, 1);
          case "--threads" -> threads = positive(a, value, 0);
          default -> throw new IllegalArgumentException("unknown option " + a);
        }
      } else {
        images.add(Path.of(a));
      }
    }
    if (model == null) {
      throw new IllegalArgumentException("--model is required");
    }
    if (images.isEmpty()) {
      throw new IllegalArgumentException("no images given");
    }
    return new EmbedArgs(model, format, resize, batch, threads, List.copyOf(images));
  }

  private static String format(String value) {
    String v = value.toLowerCase(Locale.ROOT);
    if (!v.equals("jsonl") && !v.equals("csv")) {
      throw new IllegalArgumentException("--format must be jsonl or csv, got '" + value + "'");
    }
    return v;
  }

  private static int positive(String option, String value, int min) {
    try {
      int v = Integer.parseInt(value);
      if (v >= min && v <= 65_536) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(option + " must be an integer in " + min + "..65536, got '" + value + "'");
  }
}
