/**
 * End-to-end tests of the {@code hrm} command line, run in this JVM through
 * {@link org.hrmtext.cli.HrmCommand#execute} with the application's own composition root, so
 * that the real backends found by {@link java.util.ServiceLoader} on the test class path (DJL with
 * the PyTorch engine) do the work. Inputs are written into JUnit temporary directories; models use
 * the golden HRM folder or the {@code tiny} preset with one compute thread.
 */
package org.hrmtext.tests.cli;
