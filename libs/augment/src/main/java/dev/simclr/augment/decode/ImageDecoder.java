package dev.simclr.augment.decode;

import dev.simclr.augment.DecodedImage;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageReader;

/**
 * Decodes PNG, JPEG (incl. CMYK/YCCK, EXIF orientation), GIF (first frame), BMP and WebP bytes into a
 * {@link DecodedImage} within budgets. Order of checks: byte budget, magic, a structural walk of the container
 * (truncation, checksums, end markers, GIF logical screen), the header size from {@code ImageReader.getWidth/getHeight}
 * against the side and pixel budgets, then the pixel decode on a worker thread with a deadline (the reader is aborted
 * on timeout). Reader warnings fail the decode. Thread-safe; one instance can serve every thread.
 *
 * <pre>{@code
 * ImageDecoder decoder = ImageDecoder.builder().optMaxPixels(40_000_000).build();
 * DecodedImage img = decoder.decode(bytes);   // throws DecodeException with a kind()
 * }</pre>
 */
public final class ImageDecoder {

    /** Pillow's default {@code Image.MAX_IMAGE_PIXELS}. */
    public static final long DEFAULT_MAX_PIXELS = 89_478_485L;
    /** Default budget for the compressed input. */
    public static final long DEFAULT_MAX_BYTES = 32L * 1024 * 1024;
    /** Default limit for either side. */
    public static final int DEFAULT_MAX_SIDE = 32_768;
    /** Default per-decode time limit. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private static final ExecutorService WORKERS = newWorkerPool();

    private final long maxBytes;
    private final long maxPixels;
    private final int maxSide;
    private final Duration timeout;

    private ImageDecoder(Builder b) {
        this.maxBytes = b.maxBytes;
        this.maxPixels = b.maxPixels;
        this.maxSide = b.maxSide;
        this.timeout = b.timeout;
    }

    /** A decoder with the default budgets. */
    public static ImageDecoder withDefaults() {
        return builder().build();
    }

    /** A builder with the default budgets. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Decodes {@code data}.
     *
     * @throws DecodeException with kind EMPTY, UNSUPPORTED_FORMAT, TRUNCATED, CORRUPT, TOO_LARGE or TIMEOUT
     */
    public DecodedImage decode(byte[] data) {
        if (data != null && data.length > maxBytes) {
            throw new DecodeException(
                    DecodeException.Kind.TOO_LARGE,
                    "input is " + data.length + " bytes, over the " + maxBytes + "-byte budget");
        }
        ImageFormat format = ImageFormat.sniff(data);
        ContainerInfo info = switch (format) {
            case PNG -> PngStructure.check(data);
            case JPEG -> JpegStructure.check(data);
            case GIF -> GifStructure.check(data);
            case BMP -> BmpStructure.check(data);
            case WEBP -> WebpStructure.check(data);
        };
        if (info.width() > 0) {
            checkSize(format, format == ImageFormat.GIF ? "logical screen" : "header", info.width(), info.height());
        }
        ImageReader reader = ReaderProviders.newReader(format);
        ReaderTask task = new ReaderTask(reader, data, format, info.components() == 3, this);
        DecodedImage img = timeout.isZero() ? task.call() : runWithDeadline(task, reader);
        return ExifOrientation.apply(img, info.orientation());
    }

    /** Refuses sizes over the side or pixel budget (TOO_LARGE) and non-positive sizes (CORRUPT). */
    void checkSize(ImageFormat format, String what, int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new DecodeException(
                    DecodeException.Kind.CORRUPT, format + " " + what + " has invalid size " + width + "x" + height);
        }
        if (width > maxSide || height > maxSide) {
            throw new DecodeException(
                    DecodeException.Kind.TOO_LARGE,
                    format + " " + what + " size " + width + "x" + height + " exceeds the side limit " + maxSide);
        }
        if ((long) width * height > maxPixels) {
            throw new DecodeException(
                    DecodeException.Kind.TOO_LARGE,
                    format + " " + what + " size " + width + "x" + height + " = " + (long) width * height
                            + " pixels exceeds the budget of " + maxPixels);
        }
    }

    private DecodedImage runWithDeadline(ReaderTask task, ImageReader reader) {
        Future<DecodedImage> future = WORKERS.submit(task);
        try {
            return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            reader.abort();
            future.cancel(true);
            throw new DecodeException(
                    DecodeException.Kind.TIMEOUT,
                    "decoding took longer than " + timeout.toMillis() + " ms and was aborted");
        } catch (InterruptedException e) {
            reader.abort();
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new DecodeException(DecodeException.Kind.TIMEOUT, "interrupted while decoding");
        } catch (CancellationException e) {
            throw new DecodeException(DecodeException.Kind.TIMEOUT, "decoding was cancelled");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof DecodeException de) {
                throw new DecodeException(de.kind(), de.getMessage(), de);
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new DecodeException(DecodeException.Kind.CORRUPT, "decoder failed: " + cause, cause);
        }
    }

    /** Byte budget for the compressed input. */
    public long maxBytes() {
        return maxBytes;
    }

    /** Pixel budget (width × height). */
    public long maxPixels() {
        return maxPixels;
    }

    /** Limit for either side. */
    public int maxSide() {
        return maxSide;
    }

    /** Per-decode time limit; zero means decode on the calling thread without a deadline. */
    public Duration timeout() {
        return timeout;
    }

    private static ExecutorService newWorkerPool() {
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor pool =
                new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
                    Thread t = new Thread(r, "simclr-decode-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        return pool;
    }

    /** Builder; every value is optional. */
    public static final class Builder {
        private long maxBytes = DEFAULT_MAX_BYTES;
        private long maxPixels = DEFAULT_MAX_PIXELS;
        private int maxSide = DEFAULT_MAX_SIDE;
        private Duration timeout = DEFAULT_TIMEOUT;

        private Builder() {}

        /** Budget for the compressed input in bytes (default 32 MiB). */
        public Builder optMaxBytes(long maxBytes) {
            if (maxBytes < 1) {
                throw new IllegalArgumentException("maxBytes must be ≥ 1, got " + maxBytes);
            }
            this.maxBytes = maxBytes;
            return this;
        }

        /** Pixel budget, width × height (default 89,478,485 as in Pillow). */
        public Builder optMaxPixels(long maxPixels) {
            if (maxPixels < 1) {
                throw new IllegalArgumentException("maxPixels must be ≥ 1, got " + maxPixels);
            }
            this.maxPixels = maxPixels;
            return this;
        }

        /** Limit for either side in pixels (default 32,768). */
        public Builder optMaxSide(int maxSide) {
            if (maxSide < 1) {
                throw new IllegalArgumentException("maxSide must be ≥ 1, got " + maxSide);
            }
            this.maxSide = maxSide;
            return this;
        }

        /** Per-decode time limit (default 10 s); {@link Duration#ZERO} decodes on the caller's thread with no limit. */
        public Builder optTimeout(Duration timeout) {
            if (timeout == null || timeout.isNegative()) {
                throw new IllegalArgumentException("timeout must be ≥ 0, got " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /** The decoder. */
        public ImageDecoder build() {
            return new ImageDecoder(this);
        }
    }
}
