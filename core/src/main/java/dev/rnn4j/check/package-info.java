/**
 * Proof that backward is right: {@link dev.rnn4j.check.GradCheck} compares the fast float32 layers and
 * cells analytic gradients with central differences of a double-precision reference written straight
 * from PyTorchs equations ({@code ReferenceRecurrent}, {@code ReferenceCell}). The {@code gradcheck}
 * command runs it on any configuration.
 */
package dev.rnn4j.check;
