package org.hrmtext.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.ports.BackendOptions;

/**
 * Opens ONNX Runtime sessions with settings that hold up on a shared 2-core machine: the
 * requested intra-op threads (1 by default), one inter-op thread, no spinning while waiting for
 * work, all graph optimizations (RMSNorm, Transpose+MatMul and SiLU fusions, MatMul weight prepacking, except
 * for models whose weights live in an external data file: those are used in place, memory-mapped). With
 * {@code device=cuda} the CUDA execution provider is added, or refused with a message naming it.
 */
final class OrtSessions {
    /** The suffix of the external data file the exporter writes beside a large model. */
    private static final String EXTERNAL_DATA = ".data";
    private static final String DISABLE_PREPACKING = "session.disable_prepacking";

    private OrtSessions() {
    }

    /** A session over a model file (external data is resolved beside it). */
    static OrtSession open(String file, BackendOptions options) {
        try (SessionOptions so = options(options)) {
            if (Files.exists(Path.of(file + EXTERNAL_DATA))
                    && !OrtTuning.fromSystemProperties().configEntries().containsKey(DISABLE_PREPACKING)) {
                // Weights in an external data file are memory-mapped and used in place; prepacking would
                // build a second copy of every weight while the mapped original is still resident
                // (the released 1B model peaked at 1.7x its fp32 weight bytes while loading). A batch of
                // rows decodes faster prepacked: -Dhrm.onnx.config=session.disable_prepacking=0 chooses that.
                so.addConfigEntry(DISABLE_PREPACKING, "1");
            }
            return OrtEnvironment.getEnvironment().createSession(file, so);
        } catch (OrtException e) {
            throw loadFailure(file, options.device(), e);
        }
    }

    /**
     * The error for a model ONNX Runtime cannot load; when the operator it lacks is the
     * quantized projections' {@code com.microsoft.MatMulNBits}, the message names it and says what runs it.
     */
    static InvalidInputException loadFailure(String file, String device, OrtException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains(OnnxProjections.MATMUL_NBITS)) {
            return new InvalidInputException(file + ": this ONNX Runtime build cannot run operator "
                    + OnnxProjections.CONTRIB_DOMAIN + "." + OnnxProjections.MATMUL_NBITS + " on device " + device
                    + ", which the model's quantized weights need (" + message.lines().findFirst().orElse("")
                    + "); use ONNX Runtime 1.23 or newer with its contrib operators (the onnxruntime or onnxruntime_gpu "
                    + "artifacts) or export with --weights f32", e);
        }
        return new InvalidInputException(file + ": ONNX Runtime cannot load the model: " + message, e);
    }

    /** A session over a serialized model. */
    static OrtSession open(byte[] model, BackendOptions options) throws OrtException {
        try (SessionOptions so = options(options)) {
            return OrtEnvironment.getEnvironment().createSession(model, so);
        }
    }

    private static SessionOptions options(BackendOptions options) throws OrtException {
        SessionOptions so = new SessionOptions();
        try {
            so.setIntraOpNumThreads(options.threads() == 0 ? 1 : options.threads());
            so.setInterOpNumThreads(1);
            so.setExecutionMode(SessionOptions.ExecutionMode.SEQUENTIAL);
            so.setOptimizationLevel(SessionOptions.OptLevel.ALL_OPT);
            so.addConfigEntry("session.intra_op.allow_spinning", "0");
            so.addConfigEntry("session.inter_op.allow_spinning", "0");
            OrtTuning tuning = OrtTuning.fromSystemProperties();
            so.setCPUArenaAllocator(tuning.arena());
            so.setMemoryPatternOptimization(tuning.memoryPattern());
            for (var e : tuning.configEntries().entrySet()) {
                so.addConfigEntry(e.getKey(), e.getValue());
            }
            addDevice(so, options.device());
            return so;
        } catch (OrtException | RuntimeException e) {
            so.close();
            throw e;
        }
    }

    private static void addDevice(SessionOptions so, String device) {
        if (device.equals("cpu")) {
            return;
        }
        if (!device.equals("cuda")) {
            throw new InvalidInputException("backend.device: unknown device \"" + device + "\"; expected cpu or cuda");
        }
        if (!OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA)) {
            throw new InvalidInputException("backend.device=cuda: ONNX Runtime's CUDA execution provider "
                    + "(CUDAExecutionProvider) is not available; this build has " + OrtEnvironment.getAvailableProviders()
                    + ". Build with the Maven profile -Pcuda (onnxruntime_gpu, CUDA 12 and cuDNN 9 installed) or use device=cpu");
        }
        try {
            so.addCUDA(0);
        } catch (OrtException e) {
            throw new InvalidInputException("backend.device=cuda: ONNX Runtime's CUDA execution provider "
                    + "(CUDAExecutionProvider) could not start (no GPU, or CUDA 12/cuDNN 9 missing): " + e.getMessage(), e);
        }
    }
}
