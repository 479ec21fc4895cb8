package org.hrmtext.lab.bench;

import java.util.List;

/**
 * What {@code hrm bench load} measures: a random checkpoint of {@code preset} in the release layout,
 * loaded and run on each of {@code backends} ({@code djl} from the folder, {@code onnx} from a file
 * exported from it), with {@code threads} compute threads and {@code newTokens} greedy tokens after
 * the prompt {@code prompt}.
 */
public record LoadBenchRequest(String preset, List<String> backends, int threads, int newTokens, String prompt) {
    public LoadBenchRequest {
        backends = List.copyOf(backends);
    }
}
