package org.hrmtext.inference.batching;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.domain.config.ModelConfig;
import org.hrmtext.domain.schedule.RecurrenceSchedule;
import org.hrmtext.ports.ForwardRequest;
import org.hrmtext.ports.ForwardResult;
import org.hrmtext.ports.InferenceModel;
import org.hrmtext.ports.KvCache;

/**
 * Continuous batching over one {@link InferenceModel}: a scheduler thread decodes one token for
 * every active request per step, in one forward; between steps it prefills waiting requests
 * (alone, each with all the model's threads) and gathers them into the batch, and drops requests
 * that finished, were cancelled or ran past their deadline. A request waits while the batch is
 * full or its cache would not fit the budget; {@link #submit} refuses one that could never fit and
 * throws {@link QueueFullException} when the queue is full. A failed forward fails the requests
 * of that step only; the scheduler goes on.
 *
 * <pre>{@code
 * try (ContinuousBatcher b = new ContinuousBatcher(model, new BatchingSettings(8, 64, 1L << 30, 2048), StepObserver.NONE)) {
 *     DecodeOutcome out = b.submit(new DecodeRequest(prompt, 32, SamplingSettings.greedy(), Set.of(eoa),
 *             Duration.ofMinutes(1), null)).outcome().join();
 * }
 * }</pre>
 */
public final class ContinuousBatcher implements AutoCloseable {
    private final InferenceModel model;
    private final BatchingSettings settings;
    private final StepObserver observer;
    private final long bytesPerPosition;
    private final int vocab;
    private final Deque<ActiveRow> waiting = new ArrayDeque<>();
    private final DecodeBatch batch;
    private final Thread thread;
    private volatile boolean accepting = true;
    private volatile boolean stopped;
    private volatile int active;
    private volatile long cacheBytes;
    private volatile long steps;
    private volatile long decodedRows;

    public ContinuousBatcher(InferenceModel model, BatchingSettings settings, StepObserver observer) {
        this.model = model;
        this.settings = settings;
        this.observer = observer;
        this.bytesPerPosition = bytesPerPosition(model.config());
        this.vocab = model.config().vocabSize();
        this.batch = new DecodeBatch(model);
        this.thread = new Thread(this::run, "hrm-batcher");
        thread.setDaemon(true);
        thread.start();
    }

    /** Key and value bytes of one row at one position: 2 × module calls × layers × hidden × 4. */
    public static long bytesPerPosition(ModelConfig config) {
        int calls = RecurrenceSchedule.of(config, RecurrenceSchedule.ownCredit(config)).calls().size();
        return 2L * calls * config.numHiddenLayers() * config.hiddenSize() * Float.BYTES;
    }

    public BatchingSettings settings() {
        return settings;
    }

    /**
     * Queues a request. Refuses (with {@link InvalidInputException}) a prompt past the context or
     * with ids outside the vocabulary, and one whose cache alone exceeds the budget.
     */
    public Generation submit(DecodeRequest request) {
        for (int i = 0; i < request.prompt().length; i++) {
            int id = request.prompt()[i];
            if (id < 0 || id >= vocab) {
                throw new InvalidInputException("prompt: token id " + id + " at position " + i
                        + " is outside the vocabulary [0, " + vocab + ")");
            }
        }
        if (request.reservation() > settings.contextLength()) {
            throw new InvalidInputException("a prompt of " + request.prompt().length + " tokens plus " + request.maxNewTokens()
                    + " new tokens exceeds the context length " + settings.contextLength());
        }
        long need = request.reservation() * bytesPerPosition;
        if (need > settings.cacheBudgetBytes()) {
            throw new InvalidInputException("this request's KV cache needs " + need + " bytes, more than the budget of "
                    + settings.cacheBudgetBytes() + " bytes; lower max_tokens or shorten the prompt");
        }
        Generation handle = new Generation();
        synchronized (waiting) {
            if (!accepting) {
                throw new QueueFullException("the server is shutting down");
            }
            int free = settings.maxBatch() - active;
            if (waiting.size() >= settings.maxQueue() + Math.max(0, free)) {
                throw new QueueFullException("the queue is full (" + settings.maxQueue() + " waiting)");
            }
            waiting.addLast(new ActiveRow(request, handle, System.nanoTime()));
            waiting.notifyAll();
        }
        return handle;
    }

    public BatcherStats stats() {
        int queued;
        synchronized (waiting) {
            queued = waiting.size();
        }
        return new BatcherStats(queued, active, cacheBytes, steps, decodedRows);
    }

    /**
     * Stops taking requests, lets queued and active ones finish within {@code grace}, cancels the
     * rest; returns whether all finished in time.
     */
    public boolean drain(Duration grace) {
        accepting = false;
        long end = System.nanoTime() + grace.toNanos();
        while (System.nanoTime() - end < 0) {
            BatcherStats s = stats();
            if (s.queued() == 0 && s.active() == 0) {
                return true;
            }
            sleep(10);
        }
        return false;
    }

    private void run() {
        List<ActiveRow> live = new ArrayList<>();
        while (!stopped) {
            try {
                List<ActiveRow> joined = admit(live);
                long now = System.nanoTime();
                for (ActiveRow r : live) {
                    r.checkAbandoned(now);
                }
                live.stream().filter(ActiveRow::done).forEach(ActiveRow::finish);
                List<ActiveRow> still = live.stream().filter(r -> !r.done()).toList();
                live = new ArrayList<>(still);
                live.addAll(joined);
                int longest = still.stream().mapToInt(r -> r.request.reservation()).max().orElse(0);
                boolean changed = !joined.isEmpty() || still.size() < batch.rows().size();
                if (changed && (!joined.isEmpty() || 2 * still.size() <= batch.rows().size()
                        || batch.length() + 1 > longest)) {
                    batch.rebuild(live);
                }
                active = live.size();
                cacheBytes = batch.cacheBytes();
                if (live.isEmpty()) {
                    awaitWork();
                    continue;
                }
                step(live);
            } catch (RuntimeException | Error e) {
                fail(live, e);
                live = new ArrayList<>();
            }
        }
        fail(live, new IllegalStateException("the batcher was closed"));
        synchronized (waiting) {
            waiting.forEach(r -> r.fail(new IllegalStateException("the batcher was closed")));
            waiting.clear();
        }
    }

    /** Prefills waiting requests while there is room; returns the ones that go on decoding. */
    private List<ActiveRow> admit(List<ActiveRow> live) {
        List<ActiveRow> joined = new ArrayList<>();
        while (true) {
            ActiveRow next;
            synchronized (waiting) {
                next = waiting.peekFirst();
                if (next == null) {
                    return joined;
                }
                long now = System.nanoTime();
                next.checkAbandoned(now);
                if (!next.done()) {
                    int rows = (int) live.stream().filter(r -> !r.done()).count() + joined.size() + 1;
                    if (rows > settings.maxBatch() || !fits(live, joined, next, rows)) {
                        return joined;
                    }
                }
                waiting.pollFirst();
            }
            if (next.done()) {
                next.finish();
                continue;
            }
            try {
                prefill(next);
            } catch (RuntimeException e) {
                next.fail(e);
                continue;
            }
            if (next.done()) {
                next.finish();
            } else {
                joined.add(next);
            }
        }
    }

    private boolean fits(List<ActiveRow> live, List<ActiveRow> joined, ActiveRow next, int rows) {
        int longest = next.request.reservation();
        for (ActiveRow r : live) {
            longest = r.done() ? longest : Math.max(longest, r.request.reservation());
        }
        for (ActiveRow r : joined) {
            longest = Math.max(longest, r.request.reservation());
        }
        return (long) rows * longest * bytesPerPosition <= settings.cacheBudgetBytes();
    }

    private void prefill(ActiveRow r) {
        int[] prompt = r.request.prompt();
        int t = prompt.length;
        long[] tokens = new long[t];
        long[] positions = new long[t];
        for (int i = 0; i < t; i++) {
            tokens[i] = prompt[i];
            positions[i] = i;
        }
        KvCache own = model.newCache(1);
        try {
            ForwardResult out = model.forward(own, new ForwardRequest(1, t, tokens, positions, new float[t * t],
                    new long[] {t - 1}));
            r.own = own;
            r.nextPosition = t - 1;
            r.accept(out.logits(), 0, vocab, System.nanoTime());
        } catch (RuntimeException e) {
            own.close();
            throw e;
        }
    }

    private void step(List<ActiveRow> live) {
        long start = System.nanoTime();
        long forwardStart = System.nanoTime();
        ForwardResult out = batch.step();
        long forwardNanos = System.nanoTime() - forwardStart;
        List<ActiveRow> rows = batch.rows();
        long now = System.nanoTime();
        int decoded = 0;
        for (int i = 0; i < rows.size(); i++) {
            ActiveRow r = rows.get(i);
            if (r.done()) {
                continue;
            }
            try {
                r.accept(out.logits(), i * vocab, vocab, now);
            } catch (RuntimeException e) {
                live.remove(r);
                r.fail(e);
            }
            decoded++;
        }
        steps++;
        decodedRows += decoded;
        long total = System.nanoTime() - start;
        observer.onStep(decoded, forwardNanos, total - forwardNanos);
    }

    private void fail(List<ActiveRow> rows, Throwable e) {
        for (ActiveRow r : rows) {
            if (!r.handle.outcome().isDone()) {
                r.fail(e);
            }
        }
        try {
            batch.rebuild(List.of());
        } catch (RuntimeException ignored) {
            // the batch cache is being dropped after a failure; nothing else holds it
        }
        active = 0;
        cacheBytes = 0;
    }

    private void awaitWork() {
        synchronized (waiting) {
            if (waiting.isEmpty() && !stopped) {
                try {
                    waiting.wait(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    stopped = true;
                }
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the scheduler; requests still held fail. Does not close the model. */
    @Override
    public void close() {
        accepting = false;
        stopped = true;
        synchronized (waiting) {
            waiting.notifyAll();
        }
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "ContinuousBatcher" + Arrays.asList(settings, stats());
    }
}
