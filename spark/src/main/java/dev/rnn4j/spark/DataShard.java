package dev.rnn4j.spark;

import java.io.Serializable;

/** What one partition holds of a corpus: its share of the training streams and of the validation streams. */
record DataShard(int partition, StreamShard train, StreamShard validation) implements Serializable {}
