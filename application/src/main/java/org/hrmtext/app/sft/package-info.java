/** Supervised fine-tuning: continue a trained model on instruction data, optionally from its EMA. */
package org.hrmtext.app.sft;
