/**
 * Benchmarks, kept apart from the tests ({@code hrm bench train}): training throughput on
 * synthetic packed batches, model FLOPs from the recurrence schedule, the backend's own matmul
 * rate for model FLOPs utilisation (MFU), and the process's memory.
 */
package org.hrmtext.lab.bench;
