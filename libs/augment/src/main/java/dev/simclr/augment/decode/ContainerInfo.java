package dev.simclr.augment.decode;

/**
 * What a structural pre-check learnt from the container before any pixel is decoded.
 *
 * @param width image (or GIF logical screen) width from the header, 0 when the check does not read it
 * @param height image (or GIF logical screen) height from the header, 0 when the check does not read it
 * @param orientation EXIF orientation 1..8 (1 = as stored)
 * @param components JPEG frame components (1 grey, 3 colour, 4 CMYK/YCCK), 0 for other formats
 */
record ContainerInfo(int width, int height, int orientation, int components) {

    static final ContainerInfo UNKNOWN = new ContainerInfo(0, 0, 1, 0);

    ContainerInfo(int width, int height, int orientation) {
        this(width, height, orientation, 0);
    }
}
