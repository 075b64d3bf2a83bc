package dev.simclr.onnx.batch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * One image to embed: the name written in its output row and how to read its bytes.
 *
 * @param name the image column of the output (e.g. the path as the user gave it)
 * @param bytes reads the encoded image, at most {@code maxBytes} bytes
 */
public record EmbedInput(String name, Reader bytes) {

    /** Reads an encoded image. */
    @FunctionalInterface
    public interface Reader {
        /**
         * The bytes.
         *
         * @param maxBytes refuse inputs larger than this with an {@link IOException}
         */
        byte[] read(long maxBytes) throws IOException;
    }

    /** Validates the name. */
    public EmbedInput {
        if (name == null || bytes == null) {
            throw new IllegalArgumentException("an input needs a name and a reader");
        }
    }

    /** A local file, named as given. */
    public static EmbedInput file(Path path) {
        return new EmbedInput(path.toString(), max -> readFile(path, max));
    }

    static byte[] readFile(Path p, long maxBytes) throws IOException {
        if (Files.isDirectory(p)) {
            throw new IOException("is a directory");
        }
        if (!Files.exists(p)) {
            throw new NoSuchFileException(p.toString());
        }
        try (InputStream in = Files.newInputStream(p)) {
            byte[] data = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (data.length > maxBytes) {
                throw new IOException("larger than the " + maxBytes + "-byte limit");
            }
            return data;
        }
    }
}
