/**
 * The safetensors format: a lazy, memory-mapped reader that checks the header's byte ranges (no overlap, no duplicate, no gap beyond alignment) and an atomic writer (F32, BF16, F16).
 */
package org.hrmtext.formats.safetensors;
