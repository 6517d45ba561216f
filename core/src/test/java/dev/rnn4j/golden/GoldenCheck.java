package dev.rnn4j.golden;

/** Runs one kind of golden case and fails (via JUnit assertions) when the result differs from PyTorch's. */
@FunctionalInterface
public interface GoldenCheck {
    void check(GoldenCase c) throws Exception;
}
