/**
 * The training use case ({@code hrm train}): samples from a prepared dataset, a text JSONL
 * (prepared on the fly) or a token-id JSONL, packed into batches epoch after epoch in each epoch's
 * order, one backend {@link org.hrmtext.ports.Trainer} stepped with the domain's learning-rate and
 * credit-assignment schedules, metrics as JSON lines, atomic checkpoints, exact resume, and a stop
 * with a clear message when a step is not finite.
 */
package org.hrmtext.app.train;
