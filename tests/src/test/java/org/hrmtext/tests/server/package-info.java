/**
 * {@code hrm serve} end to end on a tiny random model with the byte tokenizer, on loopback: a real
 * third-party client (LangChain4j's OpenAI module), raw HTTP for every refusal, concurrency
 * against sequential results, backpressure and a client that goes away.
 */
package org.hrmtext.tests.server;
