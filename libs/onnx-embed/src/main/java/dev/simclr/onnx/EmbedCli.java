package dev.simclr.onnx;

import dev.simclr.augment.DecodedImage;
import dev.simclr.augment.decode.DecodeException;
import dev.simclr.augment.decode.ImageDecoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Embeds image files with an exported encoder: one output line per image with its feature vector
 * (JSON lines {@code {"image": ..., "features": [...]}} or CSV {@code image,f0,...}), one error line
 * per unusable image on stderr, a summary line on stderr. Exit code 0 when every image was
 * embedded, 1 when some failed, 2 for bad arguments or an unusable model.
 *
 * <pre>
 * java -cp "libs/onnx-embed/target/classes:$(cat cp.txt)" dev.simclr.onnx.EmbedCli \
 *     --model encoder.onnx --format jsonl shoe.png bag.jpg
 * </pre>
 */
public final class EmbedCli {

  private EmbedCli() {}

  /** Runs the CLI and exits with its code. */
  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /**
   * Runs the CLI.
   *
   * @return the exit code
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    EmbedArgs a;
    try {
      a = EmbedArgs.parse(args);
    } catch (IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      err.println(EmbedArgs.USAGE);
      return 2;
    }
    long t0 = System.nanoTime();
    OnnxEncoder encoder;
    try {
      OnnxEncoder.Builder b = OnnxEncoder.builder().setModel(a.model()).optBatchSize(a.batchSize())
          .optIntraOpThreads(a.threads());
      if (a.resizeMode() != null) {
        b.optResizeMode(a.resizeMode());
      }
      encoder = b.build();
    } catch (RuntimeException e) {
      err.println("error: " + a.model() + ": " + e.getMessage());
      return 2;
    }
    try (encoder) {
      ImageDecoder decoder = ImageDecoder.withDefaults();
      Output output = new Output(out, a.format());
      output.header(encoder.featureDim());
      int failed = 0;
      List<Path> images = a.images();
      for (int start = 0; start < images.size(); start += a.batchSize()) {
        List<Path> ok = new ArrayList<>();
        ByteArrayOutputStream pixels = new ByteArrayOutputStream();
        for (Path p : images.subList(start, Math.min(images.size(), start + a.batchSize()))) {
          try {
            DecodedImage img = decoder.decode(read(p, decoder.maxBytes()));
            pixels.writeBytes(encoder.preprocessor().apply(img));
            ok.add(p);
          } catch (IOException | RuntimeException e) {
            failed++;
            err.println("error: " + p + ": " + reason(e));
          }
        }
        if (!ok.isEmpty()) {
          float[][] features = encoder.embedPixels(pixels.toByteArray(), ok.size());
          for (int i = 0; i < features.length; i++) {
            output.line(ok.get(i).toString(), features[i]);
          }
        }
      }
      out.flush();
      ImagePreprocessor p = encoder.preprocessor();
      err.printf("embedded %d of %d images with %s (%d-d, input %dx%dx%d, %s) in %.2f s%n",
          images.size() - failed, images.size(), a.model(), encoder.featureDim(), p.height(), p.width(),
          p.channels(), p.mode().id(), (System.nanoTime() - t0) / 1e9);
      return failed == 0 ? 0 : 1;
    } catch (RuntimeException e) {
      err.println("error: embedding failed: " + e.getMessage());
      return 2;
    }
  }

  private static byte[] read(Path p, long maxBytes) throws IOException {
    if (Files.isDirectory(p)) {
      throw new IOException("is a directory");
    }
    try (InputStream in = Files.newInputStream(p)) {
      byte[] data = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
      if (data.length > maxBytes) {
        throw new IOException("larger than the " + maxBytes + "-byte limit");
      }
      return data;
    }
  }

  private static String reason(Exception e) {
    if (e instanceof NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof DecodeException d) {
      return "cannot decode (" + d.kind().name().toLowerCase(java.util.Locale.ROOT) + "): " + d.getMessage();
    }
    String m = e.getMessage();
    return m == null ? e.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
  }

  /** Formats result lines. */
  private record Output(PrintStream out, String format) {

    void header(int dim) {
      if (format.equals("csv")) {
        StringBuilder b = new StringBuilder("image");
        for (int i = 0; i < dim; i++) {
          b.append(",f").append(i);
        }
        out.println(b);
      }
    }

    void line(String image, float[] features) {
      StringBuilder b = new StringBuilder(16 + features.length * 12);
      if (format.equals("csv")) {
        b.append(csv(image));
        for (float f : features) {
          b.append(',').append(f);
        }
      } else {
        b.append("{\"image\":").append(json(image)).append(",\"features\":[");
        for (int i = 0; i < features.length; i++) {
          b.append(i == 0 ? "" : ",");
          if (Float.isFinite(features[i])) {
            b.append(features[i]);
          } else {
            b.append("null");
          }
        }
        b.append("]}");
      }
      out.println(b);
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
              b.append(String.format("\\u%04x", (int) c));
            } else {
              b.append(c);
            }
          }
        }
      }
      return b.append('"').toString();
    }
  }
}
