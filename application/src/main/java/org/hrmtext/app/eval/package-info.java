/**
 * The eval use case: exact match of generated responses, multiple choice by the paper's protocol
 * (generate one letter; an invalid answer scores 1/number of choices) and by log-likelihood.
 */
package org.hrmtext.app.eval;
