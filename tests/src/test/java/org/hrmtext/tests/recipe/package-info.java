/**
 * Tests of the recipe around training: the quickstart's bundled reasoning-task generator, whose
 * answers are recomputed here from the instructions.
 */
package org.hrmtext.tests.recipe;
