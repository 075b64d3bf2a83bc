/** Topic names, message records and their JSON/binary codecs shared by every SimCLR service (no I/O). */
package dev.simclr.contracts;
