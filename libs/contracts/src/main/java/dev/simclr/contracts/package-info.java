/**
 * Topic names, message records and their JSON/binary codecs shared by every SimCLR service, the one reader of
 * JSON-lines image manifests ({@link dev.simclr.contracts.ImageManifest}) and the one duration formatter
 * ({@link dev.simclr.contracts.Durations}); no I/O.
 */
package dev.simclr.contracts;
