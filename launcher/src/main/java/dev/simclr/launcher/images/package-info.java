/** Image import: directories, JSON-lines manifests and IDX files to S3 objects and ImageRef records. */
package dev.simclr.launcher.images;
