package org.hrmtext.lab.study.v2;

/**
 * One row of the verdict table: the paper's claim, what the paper measured, this run's evidence
 * (statistics with their N), and the verdict with its scale.
 */
public record FindingRow(String claim, String paper, String evidence, Verdict verdict) {
}
