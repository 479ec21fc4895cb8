/**
 * JSON as the platform reads and writes it: a strict parser with line and column in its errors, typed field access that names the key, and a deterministic writer.
 */
package org.hrmtext.formats.json;
