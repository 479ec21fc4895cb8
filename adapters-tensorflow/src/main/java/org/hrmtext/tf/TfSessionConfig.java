package org.hrmtext.tf;

import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.ports.BackendOptions;
import org.tensorflow.proto.ConfigProto;

/**
 * The session settings for {@link BackendOptions}: {@code threads} intra-op threads and one
 * inter-op thread (the unrolled graph is a chain, so ops gain nothing from running side by
 * side). TensorFlow sizes its CPU thread pool when the first session of the process starts;
 * later sessions share it.
 */
final class TfSessionConfig {
    private TfSessionConfig() {
    }

    static ConfigProto of(BackendOptions options) {
        if (!options.device().equals("cpu")) {
            throw new InvalidInputException(options.device().equals("cuda")
                    ? "backend.device=cuda: the TensorFlow backend ships only the CPU native library "
                            + "(tensorflow-core-native linux-x86_64); use device=cpu"
                    : "backend.device: unknown device \"" + options.device() + "\"; expected cpu or cuda");
        }
        ConfigProto.Builder config = ConfigProto.newBuilder();
        if (options.threads() > 0) {
            config.setIntraOpParallelismThreads(options.threads()).setInterOpParallelismThreads(1);
        }
        return config.build();
    }
}
