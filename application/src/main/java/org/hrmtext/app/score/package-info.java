/**
 * The scoring use case ({@code hrm score}): the loss of a batch file under a model directory at a
 * chosen backprop depth, with per-tensor gradient norms when the backend can train, and the logits
 * when asked.
 */
package org.hrmtext.app.score;
