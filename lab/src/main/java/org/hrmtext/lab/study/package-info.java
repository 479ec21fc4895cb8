/**
 * The gradient-dynamics study ({@code hrm study gradients}): trains each (architecture, backward
 * depth) setting from the same seed, initial weights and data with gradient diagnostics at every
 * step, compares full and truncated backprop on the same checkpoints and batches, probes the
 * effective depth of the recurrence, and writes JSONL/CSV tables, PNG plots and a
 * {@code REPORT.md} that sets each finding of the paper's stability study beside what the run
 * measured.
 */
package org.hrmtext.lab.study;
