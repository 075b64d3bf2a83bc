package dev.simclr.augment.fetch;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Resolves a host name to addresses; the default is the system resolver. Replaceable for tests or pinned host tables.
 */
@FunctionalInterface
public interface HostResolver {

    /** The system resolver ({@link InetAddress#getAllByName}). */
    HostResolver SYSTEM = InetAddress::getAllByName;

    /** All addresses of {@code host}. */
    InetAddress[] resolve(String host) throws UnknownHostException;
}
