package dev.simclr.augment.decode;

import dev.simclr.augment.DecodedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;

/** Expands palette (indexed) rasters: RGB, or one channel when every palette entry is grey. Alpha is dropped. */
final class PaletteExpander {

    private PaletteExpander() {}

    static DecodedImage expand(Raster raster, IndexColorModel icm) {
        int size = icm.getMapSize();
        int lutSize = Math.max(size, 1 << Math.min(16, raster.getSampleModel().getSampleSize(0)));
        byte[] red = new byte[lutSize];
        byte[] green = new byte[lutSize];
        byte[] blue = new byte[lutSize];
        icm.getReds(red);
        icm.getGreens(green);
        icm.getBlues(blue);
        boolean grey = true;
        for (int i = 0; i < size && grey; i++) {
            grey = red[i] == green[i] && green[i] == blue[i];
        }
        int w = raster.getWidth();
        int h = raster.getHeight();
        int c = grey ? 1 : 3;
        byte[] out = new byte[Math.multiplyExact(Math.multiplyExact(w, h), c)];
        int[] row = new int[w];
        int mask = lutSize - 1;
        int o = 0;
        for (int y = 0; y < h; y++) {
            raster.getSamples(raster.getMinX(), raster.getMinY() + y, w, 1, 0, row);
            if (grey) {
                for (int x = 0; x < w; x++) {
                    out[o++] = red[Math.min(row[x], mask)];
                }
            } else {
                for (int x = 0; x < w; x++) {
                    int i = Math.min(row[x], mask);
                    out[o++] = red[i];
                    out[o++] = green[i];
                    out[o++] = blue[i];
                }
            }
        }
        return new DecodedImage(w, h, c, out);
    }
}
