package dev.simclr.augment.decode;

import com.twelvemonkeys.imageio.plugins.jpeg.JPEGImageReaderSpi;
import com.twelvemonkeys.imageio.plugins.webp.WebPImageReaderSpi;
import java.io.IOException;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.Map;
import javax.imageio.ImageReader;
import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.ImageReaderSpi;

/**
 * One fixed reader per format, chosen once: TwelveMonkeys for JPEG (CMYK/YCCK, ICC) and WebP, the JDK's own readers for
 * PNG, GIF and BMP. Nothing else on the class path is ever consulted.
 */
final class ReaderProviders {

    private static final Map<ImageFormat, ImageReaderSpi> PROVIDERS = load();

    private ReaderProviders() {}

    static ImageReader newReader(ImageFormat format) {
        ImageReaderSpi spi = PROVIDERS.get(format);
        if (spi == null) {
            throw new DecodeException(DecodeException.Kind.UNSUPPORTED_FORMAT, "no " + format + " reader available");
        }
        try {
            return spi.createReaderInstance();
        } catch (IOException e) {
            throw new DecodeException(
                    DecodeException.Kind.UNSUPPORTED_FORMAT,
                    "cannot create a " + format + " reader: " + e.getMessage(),
                    e);
        }
    }

    private static Map<ImageFormat, ImageReaderSpi> load() {
        IIORegistry registry = IIORegistry.getDefaultInstance();
        Map<ImageFormat, ImageReaderSpi> map = new EnumMap<>(ImageFormat.class);
        map.put(ImageFormat.JPEG, registered(registry, JPEGImageReaderSpi.class, new JPEGImageReaderSpi()));
        map.put(ImageFormat.WEBP, registered(registry, WebPImageReaderSpi.class, new WebPImageReaderSpi()));
        for (ImageFormat f : new ImageFormat[] {ImageFormat.PNG, ImageFormat.GIF, ImageFormat.BMP}) {
            ImageReaderSpi jdk = jdkReader(registry, f.readerFormatName());
            if (jdk != null) {
                map.put(f, jdk);
            }
        }
        return map;
    }

    private static <T extends ImageReaderSpi> ImageReaderSpi registered(IIORegistry registry, Class<T> type, T fresh) {
        T existing = registry.getServiceProviderByClass(type);
        if (existing != null) {
            return existing;
        }
        registry.registerServiceProvider(fresh, ImageReaderSpi.class);
        return fresh;
    }

    private static ImageReaderSpi jdkReader(IIORegistry registry, String formatName) {
        Iterator<ImageReaderSpi> it = registry.getServiceProviders(ImageReaderSpi.class, true);
        while (it.hasNext()) {
            ImageReaderSpi spi = it.next();
            if (spi.getClass().getName().startsWith("com.sun.imageio.plugins.")) {
                for (String name : spi.getFormatNames()) {
                    if (name.equalsIgnoreCase(formatName)) {
                        return spi;
                    }
                }
            }
        }
        return null;
    }
}
