/** Supervision of the local stack's child processes: health classification, restart with backoff, giving up. */
package dev.simclr.launcher.supervise;
