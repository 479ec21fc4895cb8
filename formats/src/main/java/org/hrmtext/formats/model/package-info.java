/**
 * Model directories as Hugging Face lays them out ({@code config.json}, one or sharded {@code model.safetensors}): the one reader every command and the embedding API use.
 */
package org.hrmtext.formats.model;
