/**
 * The gradient-dynamics study, second version (issue 12): the paper's {@code Hk_Lj} grid on the
 * same weights at every diagnostic checkpoint, raw per-checkpoint gradient records, and the
 * statistics and verdicts computed from them.
 */
package org.hrmtext.lab.study.v2;
