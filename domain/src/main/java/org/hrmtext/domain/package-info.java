/**
 * The backend-agnostic model of HRM-Text, in plain Java and Vavr: what the model is
 * ({@code config}), how its module calls are scheduled and which carry gradient
 * ({@code schedule}), how it is trained ({@code training}), its parameters and weight files
 * ({@code model}) and its data layout ({@code data}). Backends execute what this package
 * describes and never re-derive it.
 */
package org.hrmtext.domain;
