package org.hrmtext.domain;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a type of the embedding API: what a Java program that embeds HRM-Text (the
 * {@code hrm-inference} artifact) may use, and what stays source-compatible within a minor version.
 * Everything unmarked is internal, even when public for another module of the platform.
 *
 * <p>ArchUnit checks that the public members of marked types in {@code org.hrmtext.inference}
 * take and return only JDK types and other marked types, and that README's Java example imports
 * only marked types ({@code PublicApiRulesTest}).
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface PublicApi {
}
