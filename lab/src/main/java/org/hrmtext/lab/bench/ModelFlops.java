package org.hrmtext.lab.bench;

import org.hrmtext.domain.config.ModelConfig;
import org.hrmtext.domain.schedule.ModuleCall;
import org.hrmtext.domain.schedule.RecurrenceSchedule;

/**
 * Model FLOPs per token of one training step, counted from the recurrence schedule (matmuls
 * only, dense attention, as MFU is usually reported):
 *
 * <ul>
 *   <li>one layer of one module call: {@code 2·(4·d·d + d·d + 3·d·I)} for the gate/q/k/v, o and
 *       SwiGLU projections, plus {@code 2·2·T·d} for the scores and the weighted sum over
 *       {@code T} positions;</li>
 *   <li>{@code lm_head}: {@code 2·d·V};</li>
 *   <li>forward: every call and lm_head; backward: twice the forward of every gradient-carrying
 *       call and of lm_head.</li>
 * </ul>
 */
public record ModelFlops(double forwardPerToken, double backwardPerToken) {

    public static ModelFlops of(ModelConfig config, RecurrenceSchedule schedule, int seqLen) {
        double layer = layerPerToken(config, seqLen);
        double perCall = config.numHiddenLayers() * layer;
        double head = 2.0 * config.hiddenSize() * config.vocabSize();
        double forward = head;
        double backward = 2 * head;
        for (ModuleCall call : schedule.calls()) {
            forward += perCall;
            if (call.carriesGradient()) {
                backward += 2 * perCall;
            }
        }
        return new ModelFlops(forward, backward);
    }

    /** FLOPs of one Transformer layer for one token attending over {@code seqLen} positions. */
    public static double layerPerToken(ModelConfig config, int seqLen) {
        double d = config.hiddenSize();
        double inter = config.intermediateSize();
        return 2 * (4 * d * d + d * d + 3 * d * inter) + 2 * 2 * (double) seqLen * d;
    }

    public double totalPerToken() {
        return forwardPerToken + backwardPerToken;
    }
}
