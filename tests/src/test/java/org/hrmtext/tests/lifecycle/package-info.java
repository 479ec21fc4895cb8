/**
 * The embedding API's lifecycle under load: {@link org.hrmtext.inference.HrmTextModel#close()}
 * while many threads generate, on every generation backend, and the API's argument checks.
 */
package org.hrmtext.tests.lifecycle;
