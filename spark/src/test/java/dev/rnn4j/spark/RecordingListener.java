package dev.rnn4j.spark;

import dev.rnn4j.lm.CharLmTrainer;

import java.util.ArrayList;
import java.util.List;

/** Keeps every step's loss and every validation loss of a run. */
class RecordingListener implements CharLmTrainer.Listener {
    final List<Double> losses = new ArrayList<>();
    final List<Double> validations = new ArrayList<>();

    @Override
    public void onStep(CharLmTrainer.StepMetrics m) { losses.add(m.loss()); }

    @Override
    public void onValidation(CharLmTrainer.ValidationMetrics m) { validations.add(m.valLoss()); }
}
