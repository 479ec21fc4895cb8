/**
 * Text in, text out for Java programs: {@link org.hrmtext.inference.text.TextModel} loads a
 * model directory (or an exported ONNX file) with its tokenizer and answers
 * {@link org.hrmtext.inference.text.TextRequest}s in HRM-Text's prompt format, with results that
 * carry the text, token ids, timing and a {@link org.hrmtext.inference.text.FinishReason}, and
 * streaming that never splits a UTF-8 character.
 */
package org.hrmtext.inference.text;
