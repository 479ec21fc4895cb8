package org.hrmtext.domain.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.hrmtext.domain.config.Architecture;
import org.hrmtext.domain.config.ModelConfig;
import org.hrmtext.domain.model.FusedLayout;
import org.hrmtext.domain.model.FusedLayout.FusedTensor;
import org.hrmtext.domain.model.ParameterLayout;
import org.junit.jupiter.api.Test;

/** Per-tensor step counters and the factors of each update, as the reference keeps them. */
class AdamAtan2StepsTest {
    private static final AdamAtan2Settings SETTINGS = new AdamAtan2Settings(0.9, 0.95, 0.1, 0.999);
    private static final List<FusedTensor> TRAINABLE = FusedLayout.of(ParameterLayout.of(
            ModelConfig.of(Architecture.HRM, 97, 64, 4, 1))).tensors().stream().filter(FusedTensor::trainable).toList();
    private static final String EMBEDDING = "model.embed_tokens.weight";

    @Test
    void aTensorAdvancesOnlyInStepsWhereItIsTrained() {
        AdamAtan2Steps steps = AdamAtan2Steps.fresh(SETTINGS, TRAINABLE);
        String head = "lm_head.weight";
        steps.advance(head, 1e-3);
        steps.advance(head, 1e-3);
        steps.advance(EMBEDDING, 1e-3);
        Map<String, Long> saved = steps.byPartName();
        assertEquals(2L, saved.get(head));
        assertEquals(1L, saved.get(EMBEDDING));
        assertEquals(0L, saved.get("model.H_module.layers.0.self_attn.q_proj.weight"));
    }

    @Test
    void factorsAreTheReferenceBiasCorrectionsAtTheTensorsOwnStep() {
        AdamAtan2Steps steps = AdamAtan2Steps.fresh(SETTINGS, TRAINABLE);
        steps.advance(EMBEDDING, 2e-3);
        AdamAtan2Steps.Factors f = steps.advance(EMBEDDING, 1e-3);
        assertEquals(2, f.step());
        assertEquals(1 - 1e-3 * 0.1, f.decay(), 0);
        assertEquals(1e-3 / (1 - 0.9 * 0.9), f.stepScale(), 1e-18);
        assertEquals(Math.sqrt(1 - 0.95 * 0.95), f.denomScale(), 1e-15);
    }

    @Test
    void everyPartOfAFusedTensorIsSavedAndAResumeReadsTheFirstPart() {
        AdamAtan2Steps steps = AdamAtan2Steps.fresh(SETTINGS, TRAINABLE);
        String gqkv = TRAINABLE.stream().map(FusedTensor::name).filter(n -> n.contains("gqkv_proj")).findFirst()
                .orElseThrow();
        steps.advance(gqkv, 1e-3);
        Map<String, Long> saved = steps.byPartName();
        for (String part : List.of("gate_proj", "q_proj", "k_proj", "v_proj")) {
            assertEquals(1L, saved.get(gqkv.replace("gqkv_proj", part)), part);
        }
        AdamAtan2Steps resumed = AdamAtan2Steps.resume(SETTINGS, TRAINABLE, saved);
        assertEquals(saved, resumed.byPartName());
        assertEquals(2, resumed.advance(gqkv, 1e-3).step());
    }

    @Test
    void aFrozenOrUnknownTensorHasNoCounter() {
        AdamAtan2Steps steps = AdamAtan2Steps.fresh(SETTINGS, TRAINABLE);
        assertThrows(IllegalArgumentException.class, () -> steps.advance("model.z_L_init", 1e-3));
    }
}
