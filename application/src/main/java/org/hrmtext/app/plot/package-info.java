/**
 * Charts written as PNG files through JFreeChart (headless): axes with ticks and units, log
 * scales where asked, legends, and atomic writes. Used by the quickstart report, the gradient
 * study and the benchmarks.
 */
package org.hrmtext.app.plot;
