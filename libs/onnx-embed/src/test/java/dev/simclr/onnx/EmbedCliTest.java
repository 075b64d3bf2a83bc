package dev.simclr.onnx;

import dev.simclr.augment.resize.ResizeMode;
import static org.assertj.core.api.Assertions.assertThat;

import dev.simclr.augment.DecodedImage;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbedCliTest {

  private static final EncoderMetadata META = EncoderMetadata.of(1, 8, List.of(0.5), List.of(0.25), 4,
      ResizeMode.PAD, Map.of());

  @TempDir
  Path dir;

  private record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = EmbedCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private Path png(String name, int w, int h, int grey) throws IOException {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        img.getRaster().setSample(x, y, 0, (grey + 17 * x + 5 * y) & 0xFF);
      }
    }
    Path p = dir.resolve(name);
    ImageIO.write(img, "png", p.toFile());
    return p;
  }

  private Path model() throws IOException {
    return Files.write(dir.resolve("encoder.onnx"), TinyModels.model(META));
  }

  @Test
  void writesOneJsonLinePerImageAndOneErrorLinePerBadImage() throws IOException {
    Path model = model();
    Path a = png("a.png", 6, 6, 10);
    Path b = png("b, \"quoted\".png", 8, 8, 200);
    Path garbage = Files.writeString(dir.resolve("garbage.png"), "not an image");
    Path tooBig = png("big.png", 9, 9, 0);
    Run r = run("--model", model.toString(), a.toString(), garbage.toString(), dir.resolve("missing.png").toString(),
        b.toString(), tooBig.toString());

    assertThat(r.code()).isEqualTo(1);
    List<String> lines = r.out().lines().toList();
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).startsWith("{\"image\":\"" + a + "\",\"features\":[").endsWith("]}");
    assertThat(lines.get(1)).startsWith("{\"image\":\"" + b.toString().replace("\"", "\\\"") + "\"");

    try (OnnxEncoder encoder = OnnxEncoder.load(model)) {
      float[] expected = encoder.embed(List.of(decode(a)))[0];
      String features = lines.get(0).substring(lines.get(0).indexOf('[') + 1, lines.get(0).length() - 2);
      String[] values = features.split(",");
      assertThat(values).hasSize(4);
      for (int i = 0; i < 4; i++) {
        assertThat(Float.parseFloat(values[i])).isEqualTo(expected[i]);
      }
    }
    List<String> errors = r.err().lines().filter(l -> l.startsWith("error: ")).toList();
    assertThat(errors).hasSize(3);
    assertThat(errors.get(0)).startsWith("error: " + garbage + ": cannot decode (unsupported_format)");
    assertThat(errors.get(1)).isEqualTo("error: " + dir.resolve("missing.png") + ": no such file");
    assertThat(errors.get(2)).isEqualTo("error: " + tooBig
        + ": image 9x9 is larger than the model input 8x8: pad cannot shrink, use resize");
    assertThat(r.err()).contains("embedded 2 of 5 images with " + model + " (4-d, input 8x8x1, pad)");
  }

  @Test
  void csvHasAHeaderAndQuotesNamesWithCommas() throws IOException {
    Path model = model();
    Path a = png("a,b.png", 8, 8, 3);
    Run r = run("--model", model.toString(), "--format", "csv", "--resize", "resize", a.toString());
    assertThat(r.code()).isZero();
    List<String> lines = r.out().lines().toList();
    assertThat(lines.get(0)).isEqualTo("image,f0,f1,f2,f3");
    assertThat(lines.get(1)).startsWith("\"" + a + "\",");
    assertThat(lines.get(1).split(",")).hasSize(6);
    assertThat(r.err()).contains("resize)");
  }

  @Test
  void badArgumentsAndBadModelsGiveOneLineAndExitCode2() throws IOException {
    Run noModel = run("x.png");
    assertThat(noModel.code()).isEqualTo(2);
    assertThat(noModel.err().lines().findFirst()).contains("error: --model is required");
    Run badFormat = run("--model", "m.onnx", "--format", "xml", "x.png");
    assertThat(badFormat.err()).startsWith("error: --format must be jsonl or csv, got 'xml'");
    Run noImages = run("--model", "m.onnx");
    assertThat(noImages.err()).startsWith("error: no images given");
    Path notAModel = Files.writeString(dir.resolve("bad.onnx"), "nope");
    Run bad = run("--model", notAModel.toString(), "x.png");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err().lines().toList()).hasSize(1);
    assertThat(bad.err()).startsWith("error: " + notAModel + ": ONNX Runtime cannot load " + notAModel);
    assertThat(bad.out()).isEmpty();
  }

  private static DecodedImage decode(Path p) throws IOException {
    return dev.simclr.augment.decode.ImageDecoder.withDefaults().decode(Files.readAllBytes(p));
  }
}
