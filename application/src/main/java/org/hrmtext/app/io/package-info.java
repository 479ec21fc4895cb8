/**
 * Files and terminal output shared by the use cases: atomic file and directory replacement
 * (a crash never leaves a half-written output in place) and a one-line progress bar.
 */
package org.hrmtext.app.io;
