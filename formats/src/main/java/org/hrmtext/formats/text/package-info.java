/**
 * {@code tokenizer_info.json}: the special tokens and condition mapping of a tokenizer, in our layout and the reference data pipeline's.
 */
package org.hrmtext.formats.text;
