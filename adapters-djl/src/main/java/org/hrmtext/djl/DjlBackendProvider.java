package org.hrmtext.djl;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import java.util.EnumSet;
import java.util.Set;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.ports.BackendCapability;
import org.hrmtext.ports.BackendOptions;
import org.hrmtext.ports.BackendProvider;
import org.hrmtext.ports.MatmulProduct;
import org.hrmtext.ports.InferenceModel;
import org.hrmtext.ports.ModelSource;
import org.hrmtext.ports.Trainer;
import org.hrmtext.ports.TrainerSpec;

/**
 * The {@code djl} backend: DJL's PyTorch engine (libtorch), CPU by default, CUDA when the
 * engine sees a GPU and {@code device=cuda} is asked. Listed in
 * {@code META-INF/services/org.hrmtext.ports.BackendProvider}.
 */
public final class DjlBackendProvider implements BackendProvider {
    private static final String ENGINE = "PyTorch";
    private static boolean interopThreadsSet;

    @Override
    public String name() {
        return "djl";
    }

    @Override
    public Set<BackendCapability> capabilities() {
        return EnumSet.of(BackendCapability.TRAIN, BackendCapability.SCORE, BackendCapability.GENERATE);
    }

    @Override
    public Trainer openTrainer(TrainerSpec spec, BackendOptions options) {
        NDManager manager = newManager(options);
        try {
            return new DjlTrainer(manager, spec);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    @Override
    public InferenceModel openInference(ModelSource source, BackendOptions options) {
        NDManager manager = newManager(options);
        try {
            return new DjlInferenceModel(manager, source.requireWeights(name()));
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    @Override
    public MatmulProduct matmulProduct(int n, BackendOptions options) {
        NDManager manager = newManager(options);
        NDArray a = manager.randomNormal(new ai.djl.ndarray.types.Shape(n, n));
        NDArray b = manager.randomNormal(new ai.djl.ndarray.types.Shape(n, n));
        return new MatmulProduct() {
            @Override
            public void run() {
                try (NDArray c = a.matMul(b)) {
                    c.getFloat(0, 0);
                }
            }

            @Override
            public void close() {
                manager.close();
            }
        };
    }

    private static synchronized NDManager newManager(BackendOptions options) {
        Engine engine = Engine.getEngine(ENGINE);
        if (options.threads() > 0) {
            JniUtils.setNumThreads(options.threads());
            if (!interopThreadsSet) {
                interopThreadsSet = true;
                try {
                    JniUtils.setNumInteropThreads(1);
                } catch (RuntimeException e) {
                    // libtorch accepts this only before its first parallel work; keep its default then.
                }
            }
        }
        return engine.newBaseManager(device(engine, options.device()));
    }

    private static Device device(Engine engine, String name) {
        if (name.equals("cpu")) {
            return Device.cpu();
        }
        if (name.equals("cuda")) {
            if (engine.getGpuCount() == 0) {
                throw new InvalidInputException("backend.device=cuda: DJL's PyTorch engine sees no GPU "
                        + "(the pytorch-native-cpu library is installed); use device=cpu");
            }
            return Device.gpu();
        }
        throw new InvalidInputException("backend.device: unknown device \"" + name + "\"; expected cpu or cuda");
    }
}
