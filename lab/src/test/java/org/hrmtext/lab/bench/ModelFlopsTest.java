package org.hrmtext.lab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hrmtext.domain.config.Architecture;
import org.hrmtext.domain.config.ModelConfig;
import org.hrmtext.domain.config.ModelPresets;
import org.hrmtext.domain.model.ParameterLayout;
import org.hrmtext.domain.schedule.CreditPattern;
import org.hrmtext.domain.schedule.RecurrenceSchedule;
import org.junit.jupiter.api.Test;

class ModelFlopsTest {

    @Test
    void countsEveryCallForwardAndGradientCallsBackward() {
        ModelConfig c = ModelConfig.of(Architecture.HRM, 100, 8, 2, 3); // d 8, I 256, 3 layers per stack
        double layer = 2 * (4 * 64 + 64 + 3 * 8 * 256) + 2 * 2 * 16 * 8;
        assertEquals(layer, ModelFlops.layerPerToken(c, 16));
        double head = 2 * 8 * 100;
        ModelFlops full = ModelFlops.of(c, RecurrenceSchedule.of(c, CreditPattern.FULL), 16);
        assertEquals(8 * 3 * layer + head, full.forwardPerToken());
        assertEquals(2 * (8 * 3 * layer + head), full.backwardPerToken());
        ModelFlops h1l2 = ModelFlops.of(c, RecurrenceSchedule.of(c, new CreditPattern(1, 2)), 16);
        assertEquals(full.forwardPerToken(), h1l2.forwardPerToken());
        assertEquals(2 * (3 * 3 * layer + head), h1l2.backwardPerToken());
        assertEquals(h1l2.forwardPerToken() + h1l2.backwardPerToken(), h1l2.totalPerToken());
    }

    @Test
    void fullCreditTrainingIsAboutSixFlopsPerParameterUse() {
        // Without attention, a full-credit step costs 6 FLOPs per weight per use: 2 forward, 4 backward.
        ModelConfig small = ModelPresets.named("small");
        ParameterLayout layout = ParameterLayout.of(small);
        long perStack = layout.all().stream().filter(s -> s.name().startsWith("model.H_module")).mapToLong(s -> s.numel()).sum();
        double uses = 8.0 * perStack + small.hiddenSize() * (double) small.vocabSize(); // 8 calls + lm_head
        ModelFlops f = ModelFlops.of(small, RecurrenceSchedule.of(small, CreditPattern.FULL), 1);
        double attention = 3 * 8 * small.numHiddenLayers() * 2 * 2 * 1.0 * small.hiddenSize();
        assertEquals(6 * uses, f.totalPerToken() - attention, 1e-6 * f.totalPerToken());
        assertTrue(f.totalPerToken() > 1e7 && f.totalPerToken() < 1e9);
    }
}
