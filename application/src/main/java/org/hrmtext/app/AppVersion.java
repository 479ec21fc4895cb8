package org.hrmtext.app;

/**
 * The name and version of this program, as recorded in the provenance of every file it writes.
 * The version comes from the jar manifest ({@code Implementation-Version}); a run from classes
 * outside a jar reports {@code dev}.
 */
public final class AppVersion {
    /** The producer name written into checkpoints and model files. */
    public static final String PRODUCER = "hrm-text-jvm";

    private AppVersion() {
    }

    public static String version() {
        String v = AppVersion.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
