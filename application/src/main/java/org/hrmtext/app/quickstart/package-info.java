/**
 * The quickstart, the main job: a bundled reasoning-task dataset, a CPU-sized HRM-Text run on it,
 * held-out evaluation, ONNX export, answers through ONNX Runtime, a training curve and a report.
 */
package org.hrmtext.app.quickstart;
