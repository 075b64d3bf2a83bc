package dev.simclr.augment.decode;

import com.twelvemonkeys.imageio.stream.ByteArrayImageInputStream;
import dev.simclr.augment.DecodedImage;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.ImageInputStream;

/** One pixel decode with a given reader: header size check, read, warnings check, raster extraction. */
final class ReaderTask implements Callable<DecodedImage> {

    private final ImageReader reader;
    private final byte[] data;
    private final ImageFormat format;
    private final boolean rgbDestination;
    private final ImageDecoder limits;

    /**
     * @param rgbDestination decode straight into an interleaved RGB raster that becomes the output without a copy
     *     (3-component JPEGs; the JDK's default would be BGR)
     */
    ReaderTask(ImageReader reader, byte[] data, ImageFormat format, boolean rgbDestination, ImageDecoder limits) {
        this.reader = reader;
        this.data = data;
        this.format = format;
        this.rgbDestination = rgbDestination;
        this.limits = limits;
    }

    @Override
    public DecodedImage call() {
        List<String> warnings = new ArrayList<>();
        IIOReadWarningListener listener = (source, warning) -> {
            if (!isColourManagementNote(warning)) {
                warnings.add(warning);
            }
        };
        try (ImageInputStream in = new ByteArrayImageInputStream(data)) {
            reader.addIIOReadWarningListener(listener);
            reader.setInput(in, true, true);
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            limits.checkSize(format, format == ImageFormat.GIF ? "first frame" : "image", width, height);
            ImageReadParam param = reader.getDefaultReadParam();
            if (rgbDestination) {
                param.setDestination(rgbImage(width, height));
            }
            BufferedImage image = reader.read(0, param);
            if (!warnings.isEmpty()) {
                String w = warnings.get(0);
                boolean truncated = w.toLowerCase().contains("premature end")
                        || w.toLowerCase().contains("truncat");
                throw new DecodeException(
                        truncated ? DecodeException.Kind.TRUNCATED : DecodeException.Kind.CORRUPT,
                        format + " reader warning: " + oneLine(w));
            }
            if (image == null) {
                throw new DecodeException(DecodeException.Kind.TIMEOUT, format + " decode was aborted");
            }
            return RasterExtractor.extract(image);
        } catch (DecodeException e) {
            throw e;
        } catch (EOFException e) {
            throw new DecodeException(
                    DecodeException.Kind.TRUNCATED, format + " data ends early: " + oneLine(e.getMessage()), e);
        } catch (IOException | RuntimeException e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : oneLine(e.getMessage());
            throw new DecodeException(DecodeException.Kind.CORRUPT, format + " reader failed: " + reason, e);
        } finally {
            reader.dispose();
        }
    }

    /**
     * TwelveMonkeys reports how it handles colour profiles, Adobe markers and thumbnails as warnings; those concern
     * metadata, not the pixel data, and do not fail the decode. Every other warning (e.g. libjpeg's "Corrupt JPEG
     * data", "Premature end of JPEG file") does.
     */
    static boolean isColourManagementNote(String warning) {
        String w = warning == null ? "" : warning.toLowerCase(java.util.Locale.ROOT);
        return w.contains("icc") || w.contains("color profile") || w.contains("thumbnail") || w.contains("adobe app14");
    }

    private static BufferedImage rgbImage(int width, int height) {
        ColorModel cm = new ComponentColorModel(
                ColorSpace.getInstance(ColorSpace.CS_sRGB), false, false, Transparency.OPAQUE, DataBuffer.TYPE_BYTE);
        WritableRaster raster = Raster.createInterleavedRaster(
                DataBuffer.TYPE_BYTE, width, height, width * 3, 3, new int[] {0, 1, 2}, null);
        return new BufferedImage(cm, raster, false, null);
    }

    private static String oneLine(String s) {
        if (s == null) {
            return "no detail";
        }
        String line = s.replaceAll("\\s+", " ").trim();
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }
}
