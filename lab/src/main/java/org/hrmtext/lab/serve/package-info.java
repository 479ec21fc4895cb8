/**
 * {@code hrm bench serve}: an HTTP load test of {@code hrm serve} at several concurrency levels, with its JSON report and plot.
 */
package org.hrmtext.lab.serve;
