package dev.simclr.launcher.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * HTTP ports of the services: the usual ones (augmenter 8081, trainer 8082, evaluator 8083) when free, so the dashboard
 * URL is the documented one; otherwise a free port.
 *
 * @param augmenter augmenter port
 * @param trainer trainer port
 * @param evaluator evaluator port (dashboard)
 */
public record ServicePorts(int augmenter, int trainer, int evaluator) {

    /** The usual ports where free, else free ones. */
    public static ServicePorts preferred() {
        return new ServicePorts(freeOr(8081), freeOr(8082), freeOr(8083));
    }

    /** Three free ports (tests). */
    public static ServicePorts random() {
        return new ServicePorts(freeOr(0), freeOr(0), freeOr(0));
    }

    /** {@code preferred} when it can be bound on the loopback interface now, else a free port. */
    static int freeOr(int preferred) {
        if (preferred > 0) {
            try (ServerSocket s = new ServerSocket(preferred, 1, InetAddress.getLoopbackAddress())) {
                return s.getLocalPort();
            } catch (IOException taken) {
                // fall through to a free port
            }
        }
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port: " + e.getMessage(), e);
        }
    }
}
