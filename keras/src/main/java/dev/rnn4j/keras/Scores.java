package dev.rnn4j.keras;

/**
 * What {@code evaluate} returns: the mean loss and, when compiled with {@link Metric#ACCURACY}, the accuracy
 * (NaN otherwise).
 *
 * <pre>{@code
 * Scores s = model.evaluate(xTest, yTest);
 * System.out.println(s.loss() + " " + s.accuracy());
 * }</pre>
 */
public record Scores(double loss, double accuracy) {}
