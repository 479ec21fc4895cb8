/**
 * {@code config.json}: the Hugging Face keys of an HRM-Text model (ours, the release's and transformers' spellings), with the documented defaults for missing keys.
 */
package org.hrmtext.formats.config;
