/**
 * The golden vectors of the contract suites: {@link org.hrmtext.golden.GoldenCase} reads one
 * oracle folder (weights, batch, expected loss, gradient norms, logits, one optimizer step, greedy
 * decode) from the class path. Test scope only.
 */
package org.hrmtext.golden;
