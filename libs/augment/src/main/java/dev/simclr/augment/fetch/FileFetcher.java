package dev.simclr.augment.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code file://} URIs, but only regular files whose real path (all symlinks resolved) lies under one of the
 * configured roots. Refused: {@code ..} segments, a host other than empty or {@code localhost}, queries and fragments,
 * symlinks leading out of the roots, directories, devices and FIFOs. The file is opened without following a final
 * symlink, so a swap after the check cannot redirect the read. Residual race: a directory component replaced by a
 * symlink between the check and the open is not detected (the roots should not be writable by untrusted users).
 */
public final class FileFetcher implements ImageFetcher {

    private final List<Path> roots;
    private final List<Path> lexicalRoots;

    private FileFetcher(List<Path> roots, List<Path> lexicalRoots) {
        this.roots = List.copyOf(roots);
        this.lexicalRoots = List.copyOf(lexicalRoots);
    }

    /**
     * A fetcher for files under {@code roots} (existing directories; their real paths are used).
     *
     * @throws IllegalArgumentException if no root is given or a root is not an existing directory
     */
    public static FileFetcher underRoots(List<Path> roots) {
        if (roots == null || roots.isEmpty()) {
            throw new IllegalArgumentException("at least one file root is required");
        }
        List<Path> real = new ArrayList<>();
        List<Path> lexical = new ArrayList<>();
        for (Path root : roots) {
            lexical.add(root.toAbsolutePath().normalize());
            try {
                Path r = root.toRealPath();
                if (!Files.isDirectory(r)) {
                    throw new IllegalArgumentException("file root " + root + " is not a directory");
                }
                if (!real.contains(r)) {
                    real.add(r);
                }
            } catch (IOException e) {
                throw new IllegalArgumentException(
                        "file root " + root + " does not exist or is unreadable: " + e.getMessage(), e);
            }
        }
        lexical.addAll(real);
        return new FileFetcher(real, lexical);
    }

    /** The real paths of the roots. */
    public List<Path> roots() {
        return roots;
    }

    @Override
    public byte[] fetch(URI uri, long maxBytes) {
        Path real = resolve(uri);
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(real, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw new FetchException(FetchException.Kind.FAILED, "cannot stat " + uri + ": " + e.getMessage(), e);
        }
        if (!attrs.isRegularFile()) {
            throw new FetchException(FetchException.Kind.REFUSED, uri + " is not a regular file");
        }
        if (attrs.size() > maxBytes) {
            throw new FetchException(
                    FetchException.Kind.TOO_LARGE,
                    uri + " is " + attrs.size() + " bytes, over the limit of " + maxBytes);
        }
        try (InputStream in = Files.newInputStream(real, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            return BoundedRead.readAll(in, maxBytes, uri.toString());
        } catch (NoSuchFileException e) {
            throw new FetchException(FetchException.Kind.NOT_FOUND, uri + " does not exist", e);
        } catch (AccessDeniedException e) {
            throw new FetchException(FetchException.Kind.REFUSED, uri + " is not readable (permission denied)", e);
        } catch (IOException e) {
            throw new FetchException(FetchException.Kind.FAILED, "cannot read " + uri + ": " + e.getMessage(), e);
        }
    }

    /** Validates the URI form and returns the real path inside a root. */
    Path resolve(URI uri) {
        if (uri == null || !"file".equalsIgnoreCase(uri.getScheme())) {
            throw new FetchException(FetchException.Kind.UNSUPPORTED_SCHEME, "not a file:// URI: " + uri);
        }
        if (uri.isOpaque()) {
            throw new FetchException(FetchException.Kind.REFUSED, "file URI must be absolute (file:///path): " + uri);
        }
        String host = uri.getAuthority();
        if (host != null && !host.isEmpty() && !host.equalsIgnoreCase("localhost")) {
            throw new FetchException(
                    FetchException.Kind.REFUSED, "file URI names a remote host '" + host + "': " + uri);
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new FetchException(FetchException.Kind.REFUSED, "file URI must not have a query or fragment: " + uri);
        }
        String path = uri.getPath();
        if (path == null || path.isEmpty() || !path.startsWith("/")) {
            throw new FetchException(FetchException.Kind.REFUSED, "file URI has no absolute path: " + uri);
        }
        if (path.indexOf('\0') >= 0) {
            throw new FetchException(FetchException.Kind.REFUSED, "file URI path contains a NUL byte");
        }
        for (String segment : path.split("/")) {
            if (segment.equals("..")) {
                throw new FetchException(FetchException.Kind.REFUSED, "file URI path contains '..': " + uri);
            }
        }
        Path real;
        try {
            real = Path.of(path).toRealPath();
        } catch (NoSuchFileException e) {
            // only say "does not exist" inside the roots, so the fetcher is no oracle for other paths
            if (lexicalRoots.stream().noneMatch(Path.of(path).normalize()::startsWith)) {
                throw outside(uri, Path.of(path));
            }
            throw new FetchException(FetchException.Kind.NOT_FOUND, uri + " does not exist", e);
        } catch (AccessDeniedException e) {
            throw new FetchException(FetchException.Kind.REFUSED, uri + " is not accessible (permission denied)", e);
        } catch (IOException | InvalidPathException e) {
            throw new FetchException(FetchException.Kind.FAILED, "cannot resolve " + uri + ": " + e.getMessage(), e);
        }
        for (Path root : roots) {
            if (real.startsWith(root)) {
                return real;
            }
        }
        throw outside(uri, real);
    }

    private FetchException outside(URI uri, Path real) {
        return new FetchException(
                FetchException.Kind.REFUSED, uri + " resolves to " + real + ", outside the allowed roots " + roots);
    }
}
