/**
 * {@code ./rnn4j viz PAGE}: self-contained HTML pages that show inside a trained character model. {@code cells}
 * (which LSTM cells follow which features of the text, ranked by correlation: {@code CellRanking},
 * {@code TextFeatures}, {@code TextTrace}), {@code gradients} (how far back gradients reach:
 * {@code GradientProbe}) and {@code training} (the run's curves); {@code HtmlPage} writes them with their JS/CSS.
 */
package dev.rnn4j.viz;
