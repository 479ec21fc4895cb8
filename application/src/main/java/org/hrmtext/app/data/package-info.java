/**
 * The prepare use case ({@code hrm prepare}) and the prepared dataset format: instruction→response
 * text JSONL tokenized into the HRM-Text sample layout and written as a compact memory-mapped
 * dataset (token array, sample table, per-epoch shuffled orders, tokenizer files, statistics).
 */
package org.hrmtext.app.data;
