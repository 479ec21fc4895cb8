package org.hrmtext.domain.schedule;

import java.util.List;

/**
 * One call of a stack in the recurrence: {@code target = stack(sum of inputs)}, where the stack
 * ends with MagicNorm. {@code carriesGradient} says whether the call runs under autograd at this
 * training step; a call without it runs outside autograd and its output enters later calls as a
 * constant.
 *
 * @param index position in the schedule (also the KV-cache slot at inference)
 * @param role the recurrence level, used by credit assignment
 * @param stack the weights this call runs
 * @param target the state it overwrites
 * @param inputs states summed to form its input (one or two)
 * @param carriesGradient whether it is inside the backpropagated window
 */
public record ModuleCall(int index, CallRole role, StackId stack, StateSlot target, List<StateSlot> inputs,
        boolean carriesGradient) {

    public ModuleCall {
        inputs = List.copyOf(inputs);
        if (inputs.isEmpty() || inputs.size() > 2) {
            throw new IllegalArgumentException("a module call sums one or two states, got " + inputs);
        }
    }

    /** A short label such as {@code L3} or {@code H1*} (star: carries gradient). */
    public String label() {
        return (role == CallRole.HIGH ? "H" : "L") + index + (carriesGradient ? "*" : "");
    }
}
