/**
 * Data files: token-id JSONL and batch JSON (line-numbered errors), strict UTF-8 lines.
 */
package org.hrmtext.formats.data;
