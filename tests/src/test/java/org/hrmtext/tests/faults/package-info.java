/**
 * The fault-injection suite: a corpus of corrupted model files, training configs, data files and
 * command parameters, each run through the real {@code hrm} command line in this JVM and checked
 * for the documented exit code, a one-line message naming what is wrong, no stack trace, and no
 * file written, changed or lost. {@link org.hrmtext.tests.faults.FaultInjectionTest} runs them and
 * writes the acceptance table to {@code target/faults/summary.md}.
 */
package org.hrmtext.tests.faults;
