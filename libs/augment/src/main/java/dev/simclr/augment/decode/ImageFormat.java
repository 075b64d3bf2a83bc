package dev.simclr.augment.decode;

/** The image container formats the decoder accepts, recognised by their magic bytes. */
public enum ImageFormat {
    PNG("png"),
    JPEG("jpeg"),
    GIF("gif"),
    BMP("bmp"),
    WEBP("webp");

    private final String readerFormatName;

    ImageFormat(String readerFormatName) {
        this.readerFormatName = readerFormatName;
    }

    /** The ImageIO format name used to find a reader. */
    String readerFormatName() {
        return readerFormatName;
    }

    /**
     * Recognises the format from the first bytes.
     *
     * @throws DecodeException EMPTY for zero bytes, UNSUPPORTED_FORMAT for unknown magic
     */
    public static ImageFormat sniff(byte[] data) {
        if (data == null || data.length == 0) {
            throw new DecodeException(
                    DecodeException.Kind.EMPTY, data == null ? "no input (null)" : "empty input (0 bytes)");
        }
        if (startsWith(data, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return PNG;
        }
        if (startsWith(data, 0, 0xFF, 0xD8, 0xFF)) {
            return JPEG;
        }
        if (startsWith(data, 0, 'G', 'I', 'F', '8', '7', 'a') || startsWith(data, 0, 'G', 'I', 'F', '8', '9', 'a')) {
            return GIF;
        }
        if (startsWith(data, 0, 'B', 'M')) {
            return BMP;
        }
        if (startsWith(data, 0, 'R', 'I', 'F', 'F') && startsWith(data, 8, 'W', 'E', 'B', 'P')) {
            return WEBP;
        }
        throw new DecodeException(
                DecodeException.Kind.UNSUPPORTED_FORMAT,
                "unrecognised image format (first bytes " + hex(data, 8) + "); expected PNG, JPEG, GIF, BMP or WebP");
    }

    private static boolean startsWith(byte[] data, int offset, int... magic) {
        if (data.length < offset + magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((data[offset + i] & 0xFF) != magic[i]) {
                return false;
            }
        }
        return true;
    }

    static String hex(byte[] data, int max) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(max, data.length); i++) {
            sb.append(String.format("%02x", data[i] & 0xFF));
        }
        return sb.toString();
    }
}
