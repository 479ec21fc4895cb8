/**
 * The installed backends by name ({@link org.hrmtext.app.backend.BackendRegistry}); use cases select one by the name configuration gives.
 */
package org.hrmtext.app.backend;
