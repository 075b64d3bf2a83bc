/** The subcommands of {@code simclr}: demo, up, import, push, watch, status. */
package dev.simclr.launcher.cli;
