/** Topic names, message records and codecs shared by every module. */
package dev.simclr.contracts;
