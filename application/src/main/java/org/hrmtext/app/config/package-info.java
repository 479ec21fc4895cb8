/**
 * The YAML training configuration ({@code hrm train --config FILE.yaml [--set key=value]…}):
 * sections {@code model}, {@code train}, {@code optimizer} and {@code backend}, read strictly
 * (an unknown key or a mistyped value names the file and key) into records that validate
 * themselves.
 *
 * <pre>{@code
 * model:     {preset: tiny, architecture: hrm, H_cycles: 2}
 * train:     {steps: 200, seq_len: 256, rows: 8, seed: 0, log_every: 10, checkpoint_every: 100}
 * optimizer: {lr: 1.0e-3, warmup_steps: 10}
 * backend:   {train: djl, device: cpu, threads: 1}
 * }</pre>
 */
package org.hrmtext.app.config;
