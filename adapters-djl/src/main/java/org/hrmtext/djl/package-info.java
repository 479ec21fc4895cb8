/**
 * The DJL + PyTorch (libtorch) backend: executes the domain's recurrence schedule with real
 * autograd, PrefixLM attention over packed rows, the task-completion loss and AdamATan2.
 * Selected by the name {@code djl}; runs offline ({@code -Dai.djl.offline=true}) with the
 * {@code pytorch-native-cpu} jar.
 */
package org.hrmtext.djl;
