/** Labelled evaluation sets: IDX and manifest loaders, preprocessing to the model's input, disk cache. */
package dev.simclr.evaluation.data;
