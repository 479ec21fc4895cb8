/**
 * The TensorFlow Java backend (graph mode): executes the domain's recurrence schedule as one
 * unrolled graph per distinct schedule, with {@code StopGradient} on calls without credit,
 * PrefixLM attention over packed rows, the task-completion loss, and AdamATan2 with decoupled
 * weight decay and a weight EMA written as graph ops on resource variables. Selected by the name
 * {@code tensorflow}; needs the {@code tensorflow-core-native} jar for {@code linux-x86_64}.
 *
 * <p>TensorFlow's native runtime reads {@code TF_CPP_MIN_LOG_LEVEL} once, when the library
 * loads, before any Java code of ours could set it: launchers and test runs set it to {@code 2}
 * in the environment to keep its informational lines off the console.
 */
package org.hrmtext.tf;
