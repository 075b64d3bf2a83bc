/** The fixed evaluation protocol: feature extraction, linear probe and weighted kNN on DJL NDArrays. */
package dev.simclr.evaluation;
