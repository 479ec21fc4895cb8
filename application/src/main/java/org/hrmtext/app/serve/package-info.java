/**
 * {@code hrm serve} and {@code hrm bench serve}: load a model and its tokenizer, start the HTTP
 * server of the {@code hrm-server} module over a continuous batcher, and drive it with a load test
 * (JSON report and a PNG of throughput and latency against concurrency).
 */
package org.hrmtext.app.serve;
