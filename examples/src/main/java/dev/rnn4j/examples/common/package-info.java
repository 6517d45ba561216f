/**
 * What more than one example uses: the data files under {@code data/} ({@code ExampleData}), NSMC review files
 * ({@code ReviewFile}), their tokenisations ({@code ReviewEncoder}: syllables with bigrams, or the IMDB-style
 * Keras model's words) and the sentiment model ({@code SentimentModel}, {@code SentimentClassifier}) that
 * {@code sentiment} trains and {@code generate} uses as its judge; and the training flags the examples share, each
 * with the example's own defaults ({@code ExampleTrainingOptions}: {@code --epochs}, {@code --batch-size},
 * {@code --lr}, {@code --seed}; {@code GradClipOption}: {@code --grad-clip}).
 */
package dev.rnn4j.examples.common;
