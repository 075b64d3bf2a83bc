package dev.simclr.evaluation.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {

  @TempDir
  Path dir;

  private final byte[] data = Idx.pattern(2 * 3 * 4, 5);

  @Test
  void readsGzipAndPlainFilesAlike() throws IOException {
    byte[] raw = Idx.ubyte(new int[] {2, 3, 4}, data);
    IdxArray gz = IdxReader.read(Idx.write(dir.resolve("a.gz"), Idx.gzip(raw)));
    IdxArray plain = IdxReader.read(Idx.write(dir.resolve("a"), raw));
    for (IdxArray a : new IdxArray[] {gz, plain}) {
      assertThat(a.dims()).containsExactly(2, 3, 4);
      assertThat(a.count()).isEqualTo(2);
      assertThat(a.data()).isEqualTo(data);
    }
  }

  @Test
  void badMagicIsRejected() throws IOException {
    byte[] raw = Idx.ubyte(new int[] {24}, data);
    raw[0] = 0x12;
    assertThatThrownBy(() -> IdxReader.read(Idx.write(dir.resolve("m"), raw)))
        .isInstanceOf(EvalSetException.class)
        .hasMessageContaining("bad magic 0x12000801");
  }

  @Test
  void otherElementTypesAreRejected() throws IOException {
    byte[] raw = Idx.bytes(0x0D, new int[] {6}, data);
    assertThatThrownBy(() -> IdxReader.read(Idx.write(dir.resolve("f"), raw)))
        .hasMessageContaining("unsupported element type 0x0d (float32)");
  }

  @Test
  void zeroOrTooManyDimensionsAreRejected() throws IOException {
    byte[] none = {0, 0, 8, 0};
    assertThatThrownBy(() -> IdxReader.read(Idx.write(dir.resolve("z"), none)))
        .hasMessageContaining("number of dimensions must be 1..4, got 0");
    byte[] five = Idx.ubyte(new int[] {1, 1, 1, 1, 1}, new byte[1]);
    assertThatThrownBy(() -> IdxReader.read(Idx.write(dir.resolve("five"), five)))
        .hasMessageContaining("got 5");
  }

  @Test
  void zeroAndNegativeDimensionsAreRejected() throws IOException {
    assertThatThrownBy(() -> IdxReader.read(Idx.write(dir.resolve("d0"),
        Idx.ubyte(new int[] {3, 0}, new byte[0]))))
        .hasMessageContaining("dimension 1 must be >= 1, got 0");
    assertThatThrownBy(() -> IdxReader.read(Idx.write(dir.resolve("neg"),
        Idx.ubyte(new int[] {-1}, new byte[0]))))
        .hasMessageContaining("dimension 0 must be >= 1, got 4294967295 (negative as int32)");
  }

  @Test
  void hugeDimensionsAreRejectedBeforeAllocating() throws IOException {
    assertThatThrownBy(() -> IdxReader.read(Idx.write(dir.resolve("big"),
        Idx.ubyte(new int[] {65536, 65536}, new byte[0]))))
        .hasMessageContaining("data too large");
  }

  @Test
  void truncatedHeaderIsReported() throws IOException {
    byte[] raw = Idx.ubyte(new int[] {2, 3, 4}, data);
    assertThatThrownBy(() -> IdxReader.read(Idx.write(dir.resolve("h"),
        Arrays.copyOf(raw, 2))))
        .hasMessageContaining("truncated header: expected 4 bytes, got 2");
    assertThatThrownBy(() -> IdxReader.read(Idx.write(dir.resolve("h2"),
        Arrays.copyOf(raw, 9))))
        .hasMessageContaining("truncated dimensions: expected 12 bytes, got 5");
  }

  @Test
  void truncatedDataIsReportedForPlainAndGzipFiles() throws IOException {
    byte[] raw = Idx.ubyte(new int[] {2, 3, 4}, data);
    byte[] shortRaw = Arrays.copyOf(raw, raw.length - 5);
    assertThatThrownBy(() -> IdxReader.read(Idx.write(dir.resolve("t"), shortRaw)))
        .hasMessageContaining("truncated data: the dimensions announce 24 bytes, got 19");
    assertThatThrownBy(() -> IdxReader.read(Idx.write(dir.resolve("t.gz"),
        Idx.gzip(shortRaw))))
        .hasMessageContaining("truncated data");
    byte[] gz = Idx.gzip(raw);
    assertThatThrownBy(() -> IdxReader.read(Idx.write(dir.resolve("cut.gz"),
        Arrays.copyOf(gz, gz.length / 2))))
        .isInstanceOf(EvalSetException.class)
        .hasMessageContaining("cut.gz: truncated");
  }

  @Test
  void trailingBytesAreRejected() throws IOException {
    byte[] raw = Idx.ubyte(new int[] {2, 3, 4}, data);
    byte[] longer = Arrays.copyOf(raw, raw.length + 1);
    assertThatThrownBy(() -> IdxReader.read(Idx.write(dir.resolve("x"), longer)))
        .hasMessageContaining("trailing bytes after the 24 data bytes");
  }

  @Test
  void corruptGzipIsReported() throws IOException {
    byte[] gz = Idx.gzip(Idx.ubyte(new int[] {2, 3, 4}, data));
    gz[2] = 7; // compression method: only 8 (deflate) exists
    assertThatThrownBy(() -> IdxReader.read(Idx.write(dir.resolve("c.gz"), gz)))
        .isInstanceOf(EvalSetException.class)
        .hasMessageContaining("corrupt gzip stream");
  }

  @Test
  void missingFileIsReported() {
    assertThatThrownBy(() -> IdxReader.read(dir.resolve("nope.gz")))
        .isInstanceOf(EvalSetException.class)
        .hasMessageEndingWith("nope.gz: no such file");
  }

  @Test
  void rankIsChecked() throws IOException {
    IdxArray a = IdxReader.read(Idx.write(dir.resolve("r"), Idx.ubyte(new int[] {24}, data)));
    assertThatThrownBy(() -> a.requireRank(3, "count, rows, columns"))
        .hasMessageContaining("expected 3 dimensions (count, rows, columns), got 1 [24]");
  }
}
