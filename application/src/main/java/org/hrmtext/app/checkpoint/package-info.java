/**
 * Model directories and training checkpoints on disk.
 *
 * <p>A model directory holds {@code config.json} and {@code model.safetensors} (Hugging Face
 * names, float32, provenance in the safetensors metadata). A checkpoint directory is a model
 * directory plus {@code model_ema.safetensors}, {@code optimizer.safetensors}
 * ({@code exp_avg.<name>}, {@code exp_avg_sq.<name>}) and {@code trainer_state.json} (step, data
 * position, per-tensor optimizer steps, run settings), replaced atomically on every save.
 */
package org.hrmtext.app.checkpoint;
