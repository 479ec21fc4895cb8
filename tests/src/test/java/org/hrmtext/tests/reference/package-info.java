/**
 * A plain-Java reference of the HRM-Text forward pass (float arrays, no backend, no cache), written
 * from the published math independently of the domain's schedule and the backends: it reproduces
 * the golden vectors and lets anyone check a new configuration without Python.
 */
package org.hrmtext.tests.reference;
