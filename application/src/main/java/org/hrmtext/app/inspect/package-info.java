/** The inspect use case: the contract of an exported model file, or the summary of a model directory. */
package org.hrmtext.app.inspect;
