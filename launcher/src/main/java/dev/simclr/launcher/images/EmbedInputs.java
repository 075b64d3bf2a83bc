package dev.simclr.launcher.images;

import dev.simclr.contracts.ImageManifest;
import dev.simclr.onnx.batch.EmbedInput;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns the arguments of {@code simclr embed} into images, in order: {@code -} reads one image path or URI per line
 * from stdin (blank lines skipped), a directory contributes every image file below it (sorted, hidden files skipped), a
 * {@code .jsonl}/{@code .ndjson} file is a manifest ({@code {"path"|"uri", ...}} per line, as for {@code simclr
 * import}), an {@code s3://} URI is read from the object store, a {@code file://} URI or any other argument is an image
 * file. A file that cannot be read or decoded fails on its own, later; a bad manifest line or an unreadable directory
 * fails the whole command here.
 */
public final class EmbedInputs {

    /** Reads {@code s3://} images. */
    @FunctionalInterface
    public interface RemoteReader {
        /** At most {@code maxBytes} bytes of the object at {@code uri}. */
        byte[] read(String uri, long maxBytes) throws IOException;
    }

    private final RemoteReader remote;
    private final List<EmbedInput> inputs = new ArrayList<>();
    private boolean stdinUsed;

    private EmbedInputs(RemoteReader remote) {
        this.remote = remote;
    }

    /**
     * The images named by {@code args}.
     *
     * @param stdin read when an argument is {@code -}
     * @param remote reads {@code s3://} images (connects lazily)
     * @throws IllegalArgumentException with the reason when an argument cannot be expanded
     */
    public static List<EmbedInput> resolve(List<String> args, InputStream stdin, RemoteReader remote) {
        EmbedInputs r = new EmbedInputs(remote);
        for (String a : args) {
            r.add(a, stdin);
        }
        if (r.inputs.isEmpty()) {
            throw new IllegalArgumentException(
                    "no images given (arguments: image files, directories, .jsonl manifests, "
                            + "s3:// URIs, or - for paths on stdin)");
        }
        return r.inputs;
    }

    private void add(String arg, InputStream stdin) {
        if (arg.equals("-")) {
            if (stdinUsed) {
                throw new IllegalArgumentException("'-' (stdin) may be given only once");
            }
            stdinUsed = true;
            readStdin(stdin);
        } else if (isRemote(arg)) {
            inputs.add(new EmbedInput(arg, max -> remote.read(arg, max)));
        } else {
            Path p = path(arg);
            if (Files.isDirectory(p)) {
                Path root = p.toAbsolutePath().normalize();
                for (Path f : DirectorySource.files(p, 0)) {
                    inputs.add(EmbedInput.file(p.resolve(root.relativize(f))));
                }
            } else if (isManifest(p)) {
                for (ImageManifest.Entry e : ManifestSource.entries(p, 0)) {
                    if (e.isFile()) {
                        inputs.add(EmbedInput.file(e.file()));
                    } else if (isRemote(e.uri())) {
                        String uri = e.uri();
                        inputs.add(new EmbedInput(uri, max -> remote.read(uri, max)));
                    } else {
                        throw new IllegalArgumentException(p + " line " + e.line() + ": cannot read '" + e.uri()
                                + "' (embed reads local files, file:// and s3:// URIs)");
                    }
                }
            } else {
                inputs.add(EmbedInput.file(p));
            }
        }
    }

    private void readStdin(InputStream stdin) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                String s = line.strip();
                if (s.isEmpty()) {
                    continue;
                }
                inputs.add(isRemote(s) ? new EmbedInput(s, max -> remote.read(s, max)) : EmbedInput.file(path(s)));
            }
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalArgumentException("cannot read image paths from stdin: " + e.getMessage(), e);
        }
    }

    private static boolean isRemote(String s) {
        return s.regionMatches(true, 0, "s3://", 0, 5);
    }

    private static boolean isManifest(Path p) {
        String name = p.getFileName() == null ? "" : p.getFileName().toString().toLowerCase(Locale.ROOT);
        return (name.endsWith(".jsonl") || name.endsWith(".ndjson")) && Files.isRegularFile(p);
    }

    private static Path path(String arg) {
        if (arg.regionMatches(true, 0, "file:", 0, 5)) {
            try {
                return Path.of(URI.create(arg));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("bad file URI '" + arg + "': " + e.getMessage(), e);
            }
        }
        return Path.of(arg);
    }
}
