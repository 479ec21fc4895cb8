/**
 * The {@code onnx} backend: exports HRM-Text models as ONNX graphs written from Java through
 * protobuf ({@link org.hrmtext.onnx.OnnxExporter}) and runs them in ONNX Runtime for cached
 * generation. The recurrence is unrolled from the domain's schedule, each module call and layer
 * with its own past/present key/value pair, so the same generation engine drives this backend
 * and DJL. Classes prefixed {@code Onnx} write the format; classes prefixed {@code Ort} run it.
 */
package org.hrmtext.onnx;
