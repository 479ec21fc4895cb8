/** The generate use case: load a model on the configured inference backend and continue prompts. */
package org.hrmtext.app.generate;
