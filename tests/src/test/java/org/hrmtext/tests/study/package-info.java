/**
 * End-to-end checks of {@code hrm study gradients}: the smoke preset's output (files, CSV
 * columns, ordered statistics, probabilities, decodable plots, report sections), and the study's
 * gradient-norm path against {@code hrm score} on the golden batches.
 */
package org.hrmtext.tests.study;
