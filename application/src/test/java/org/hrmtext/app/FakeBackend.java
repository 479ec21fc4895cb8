package org.hrmtext.app;

import java.util.EnumSet;
import java.util.Set;
import org.hrmtext.ports.BackendCapability;
import org.hrmtext.ports.BackendOptions;
import org.hrmtext.ports.BackendProvider;
import org.hrmtext.ports.Trainer;
import org.hrmtext.ports.TrainerSpec;

/** A deterministic in-memory backend named {@code fake} for testing the application without a real one. */
public final class FakeBackend implements BackendProvider {
    private final int divergeAtStep;

    public FakeBackend() {
        this(0);
    }

    /** A backend whose trainers report a NaN loss on their {@code divergeAtStep}-th step (0 = never). */
    public FakeBackend(int divergeAtStep) {
        this.divergeAtStep = divergeAtStep;
    }

    @Override
    public String name() {
        return "fake";
    }

    @Override
    public Set<BackendCapability> capabilities() {
        return EnumSet.allOf(BackendCapability.class);
    }

    @Override
    public Trainer openTrainer(TrainerSpec spec, BackendOptions options) {
        return new FakeTrainer(spec, divergeAtStep);
    }

    @Override
    public double matmulGflops(int n, BackendOptions options) {
        return 100;
    }
}
