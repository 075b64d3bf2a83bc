/** Health checks shared by the three services: plain values from the loops, one MicroProfile Health form. */
package dev.simclr.health;
