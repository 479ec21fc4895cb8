package org.hrmtext.tests.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tolerance checks refuse NaN and infinities instead of letting them pass as "no error". */
class ToleranceTest {

    @Test
    void nanOrInfinityIsNeverClose() {
        assertFalse(Tolerance.relativeClose(1.0, Double.NaN, 1e-4));
        assertFalse(Tolerance.relativeClose(Double.NaN, 1.0, 1e-4));
        assertFalse(Tolerance.relativeClose(1.0, Double.POSITIVE_INFINITY, 1e-4));
    }

    @Test
    void nanLogitsFail() {
        float[] expected = {1f, 2f, 3f, 4f};
        assertNull(Tolerance.logits(expected, expected.clone(), 2, 2));
        assertNotNull(Tolerance.logits(expected, new float[] {1f, Float.NaN, 3f, 4f}, 2, 2));
    }

    @Test
    void nanAfterOneStepFails() {
        float[] expected = new float[2000];
        float[] actual = expected.clone();
        actual[7] = Float.NaN;
        assertNotNull(Tolerance.afterStep("t", expected, actual), "one NaN of 2000 must not hide in the 0.1 % allowance");
    }

    @Test
    void nanGradientNormFails() {
        List<String> failures = new ArrayList<>();
        Tolerance.gradNorm("a", 0.0, Double.NaN, failures);
        Tolerance.gradNorm("b", 2.0, Double.NaN, failures);
        assertEquals(2, failures.size(), failures.toString());
    }
}
