package org.hrmtext.tf;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.hrmtext.domain.config.ModelConfig;
import org.hrmtext.domain.data.PackedBatch;
import org.hrmtext.domain.diagnostics.EffectiveDepth;
import org.hrmtext.domain.diagnostics.GradientStatistics;
import org.hrmtext.domain.model.FusedLayout.FusedTensor;
import org.hrmtext.domain.model.HostTensor;
import org.hrmtext.domain.model.ModelWeights;
import org.hrmtext.domain.model.ParameterSpec;
import org.hrmtext.domain.schedule.RecurrenceSchedule;
import org.hrmtext.ports.OptimizerState;
import org.hrmtext.ports.ScoreRequest;
import org.hrmtext.ports.ScoreResult;
import org.hrmtext.ports.StepPlan;
import org.hrmtext.ports.StepResult;
import org.hrmtext.ports.Trainer;
import org.hrmtext.ports.TrainerSpec;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.ConfigProto;

/**
 * A model held in one TensorFlow graph and session. Parameters, moments, EMA and gradient buffers
 * are variables of the graph; the ops of each distinct recurrence schedule (the credit depth
 * changes during warmup) are added the first time it is used and reused afterwards. A step
 * computes the loss and gradients, checks that both are finite, and only then runs the update.
 * Every host tensor of a run is closed when the run ends; the graph and session on {@link #close()}.
 */
final class TfTrainer implements Trainer {
    private final Graph graph;
    private final Session session;
    private final Ops tf;
    private final ModelConfig config;
    private final TfParameters params;
    private final TfBatchInputs inputs;
    private final TfRecurrence recurrence;
    private final TfAdamAtan2 optimizer;
    private final Map<RecurrenceSchedule, TfScheduleGraph> graphs = new HashMap<>();
    private final Map<RecurrenceSchedule, TfProbeGraph> probes = new HashMap<>();
    private boolean closed;

    /** Builds the variables in {@code graph}, opens a session on it and loads the spec's state. */
    TfTrainer(Graph graph, TrainerSpec spec, ConfigProto sessionConfig) {
        this.graph = graph;
        this.tf = Ops.create(graph);
        this.config = spec.weights().layout().config();
        this.params = new TfParameters(tf, spec.weights().layout());
        this.inputs = new TfBatchInputs(tf, config);
        this.recurrence = new TfRecurrence(params, inputs);
        this.optimizer = new TfAdamAtan2(tf, params, spec.optimizer());
        this.session = new Session(graph, sessionConfig);
        try {
            params.load(session, spec.weights());
            optimizer.load(session, spec.weights(), spec.resumeFrom().orElse(null));
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
    }

    @Override
    public StepResult step(PackedBatch batch, StepPlan plan) {
        checkOpen();
        batch.checkVocabulary(config.vocabSize());
        TfScheduleGraph g = graphFor(plan.schedule());
        double loss;
        double gradNorm;
        int[] predictions;
        Optional<GradientStatistics> statistics = Optional.empty();
        try (TfFeed feed = inputs.feed(batch)) {
            Session.Runner runner = feed.runner(session).fetch(g.loss()).fetch(g.globalSquare()).fetch(g.predictions())
                    .addTarget(g.storeGradients());
            if (plan.diagnostics()) {
                g.statistics().fetch(runner);
            }
            try (Result r = runner.run()) {
                loss = TfFetched.scalar(r, 0);
                gradNorm = Math.sqrt(TfFetched.scalar(r, 1));
                predictions = TfFetched.ints(r, 2);
                if (plan.diagnostics()) {
                    statistics = Optional.of(g.statistics().read(r, 3));
                }
            }
        }
        boolean finite = Double.isFinite(loss) && Double.isFinite(gradNorm);
        if (finite) {
            optimizer.update(session, g.trained(), plan.learningRate());
        }
        return new StepResult(loss, batch.labelledTokens(), gradNorm, predictions, finite,
                finite ? statistics : Optional.empty());
    }

    @Override
    public ScoreResult score(PackedBatch batch, ScoreRequest request) {
        checkOpen();
        batch.checkVocabulary(config.vocabSize());
        TfScheduleGraph g = graphFor(request.schedule());
        try (TfFeed feed = inputs.feed(batch)) {
            Session.Runner runner = feed.runner(session).fetch(g.loss());
            if (request.logits()) {
                runner.fetch(g.logits());
            }
            if (request.gradients()) {
                g.partSquares().values().forEach(runner::fetch);
            }
            try (Result r = runner.run()) {
                Optional<HostTensor> logits = request.logits()
                        ? Optional.of(new HostTensor("logits", new int[] {batch.tokens(), config.vocabSize()},
                                TfFetched.floats(r, 1)))
                        : Optional.empty();
                Map<String, Double> norms = request.gradients()
                        ? gradientNorms(g, r, request.logits() ? 2 : 1)
                        : Map.of();
                return new ScoreResult(TfFetched.scalar(r, 0), batch.labelledTokens(), norms, logits);
            }
        }
    }

    @Override
    public EffectiveDepth probe(PackedBatch batch, RecurrenceSchedule schedule) {
        checkOpen();
        batch.checkVocabulary(config.vocabSize());
        TfProbeGraph p = probes.computeIfAbsent(schedule, s -> TfProbeGraph.build(
                tf.withSubScope("probe" + probes.size()), recurrence, inputs, s));
        try (TfFeed feed = inputs.feed(batch); Result r = feed.runner(session).fetch(p.values()).run()) {
            return p.read(r, 0);
        }
    }

    /** Every split tensor's gradient norm, 0 for tensors without gradient, from fetches at {@code first}. */
    private Map<String, Double> gradientNorms(TfScheduleGraph g, Result r, int first) {
        Map<String, Double> fetched = new HashMap<>();
        int i = first;
        for (String name : g.partSquares().keySet()) {
            fetched.put(name, Math.sqrt(TfFetched.scalar(r, i++)));
        }
        Map<String, Double> norms = new LinkedHashMap<>();
        for (FusedTensor t : params.fusedTensors()) {
            for (ParameterSpec p : t.parts()) {
                norms.put(p.name(), fetched.getOrDefault(p.name(), 0.0));
            }
        }
        return norms;
    }

    private TfScheduleGraph graphFor(RecurrenceSchedule schedule) {
        return graphs.computeIfAbsent(schedule, s -> TfScheduleGraph.build(
                tf.withSubScope("schedule" + graphs.size()), recurrence, params, inputs, optimizer, s));
    }

    @Override
    public ModelWeights weights() {
        checkOpen();
        return params.download(session);
    }

    @Override
    public OptimizerState optimizerState() {
        checkOpen();
        return optimizer.state(session);
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this TensorFlow trainer is closed");
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            session.close();
            graph.close();
        }
    }
}
