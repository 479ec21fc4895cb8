/**
 * The token layout of HRM-Text's task-completion data: the special tokens ({@code <boq>},
 * condition tokens, {@code <eoq>}, {@code <eoa>}) by name ({@link org.hrmtext.domain.text.SpecialTokens})
 * and by id in one vocabulary ({@link org.hrmtext.domain.text.TokenLayout}), and the conditions a
 * sample can carry ({@link org.hrmtext.domain.text.Condition}).
 */
package org.hrmtext.domain.text;
