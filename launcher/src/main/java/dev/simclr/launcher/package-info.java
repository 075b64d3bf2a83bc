/** The {@code simclr} command line: entry point, error handling and console output. */
package dev.simclr.launcher;
