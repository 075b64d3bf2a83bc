package dev.simclr.evaluator.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ViewImagesTest {

    private static BufferedImage decode(String url) throws Exception {
        assertThat(url).startsWith(ViewImages.PREFIX);
        return ImageIO.read(
                new ByteArrayInputStream(Base64.getDecoder().decode(url.substring(ViewImages.PREFIX.length()))));
    }

    @Test
    void greyViewsKeepEveryPixel() throws Exception {
        byte[] px = {0, 64, (byte) 128, (byte) 255, 10, 20};
        BufferedImage img = decode(ViewImages.pngDataUrl(px, 2, 3, 1));
        assertThat(img.getWidth()).isEqualTo(3);
        assertThat(img.getHeight()).isEqualTo(2);
        assertThat(img.getRaster().getSample(1, 0, 0)).isEqualTo(64);
        assertThat(img.getRaster().getSample(0, 1, 0)).isEqualTo(255);
        assertThat(img.getRaster().getSample(2, 1, 0)).isEqualTo(20);
    }

    @Test
    void rgbViewsAreHwcInRgbOrder() throws Exception {
        byte[] px = {(byte) 255, 0, 0, 0, (byte) 200, 7};
        BufferedImage img = decode(ViewImages.pngDataUrl(px, 1, 2, 3));
        assertThat(img.getRGB(0, 0) & 0xffffff).isEqualTo(0xff0000);
        assertThat(img.getRGB(1, 0) & 0xffffff).isEqualTo(0x00c807);
    }

    @Test
    void aShapeThatDoesNotFitIsRefused() {
        assertThatThrownBy(() -> ViewImages.pngDataUrl(new byte[5], 2, 3, 1))
                .hasMessage("view image: 2x3x1 does not fit 5 bytes");
        assertThatThrownBy(() -> ViewImages.pngDataUrl(new byte[8], 2, 2, 2))
                .hasMessage("view image: 2x2x2 does not fit 8 bytes");
    }
}
