/** The export use case: a model directory written by an exporting backend (ONNX). */
package org.hrmtext.app.export;
