package dev.simclr.objectstore;

/**
 * One entry of a listing.
 *
 * @param uri the object
 * @param size size in bytes
 */
public record ObjectInfo(S3Uri uri, long size) {}
