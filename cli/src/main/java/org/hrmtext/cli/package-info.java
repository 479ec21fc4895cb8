/**
 * The {@code hrm} command line (picocli): {@code train}, {@code score} and {@code bench train}.
 * Commands are built by the one Guice injector of the process; every command has {@code --help},
 * exits 0 on success, and on bad input prints one line {@code hrm <cmd>: error: <reason>} and
 * exits 2 (3 when training diverged, 1 for an unexpected failure).
 */
package org.hrmtext.cli;
