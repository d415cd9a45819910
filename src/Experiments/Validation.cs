namespace Repro.Experiments;

/// <summary>The Keras generation a report trained with, where its rules differ between them.</summary>
public enum KerasGeneration
{
    /// <summary>
    /// Keras 2 (tf.keras up to TensorFlow 2.15): fit() applies validation_split even when validation_data is given, and a
    /// layer's activity penalty is divided by the batch size (keras/engine/base_layer.py, _handle_activity_regularization).
    /// </summary>
    TfKeras2,

    /// <summary>
    /// Keras 3: validation_data, when given, wins and validation_split is ignored, and a layer's activity penalty is added
    /// as the regulariser returns it, summed over the batch (keras/src/layers/layer.py, Layer.__call__).
    /// </summary>
    Keras3,
}

/// <summary>What fit() validated on each epoch.</summary>
public abstract record ValidationSpec
{
    /// <summary>
    /// fit()'s arguments as the report wrote them, resolved by the rule of its Keras generation:
    /// report 002 (TF 2.8) passed both and trained on 40,000 images (625 steps of 64), so the split
    /// won; report 004 (Keras 3) passed both and trained on all 48,000 (3,000 steps of 16), so the
    /// validation data won.
    /// </summary>
    public static ValidationSpec FromFitArguments(double validationSplit, bool validationDataIsTestSet, KerasGeneration generation) =>
        (validationSplit > 0, validationDataIsTestSet, generation) switch
        {
            (true, true, KerasGeneration.Keras3) => new TestSetValidation(),
            (true, _, _) => new LastFractionValidation(validationSplit),
            (false, true, _) => new TestSetValidation(),
            _ => new NoValidation(),
        };
}

/// <summary>validation_split: the last fraction of the training arrays, cut before any shuffling.</summary>
public sealed record LastFractionValidation(double Fraction) : ValidationSpec;

/// <summary>validation_data=(x_test, y_test): the test set, which then also drives early stopping.</summary>
public sealed record TestSetValidation : ValidationSpec;

public sealed record NoValidation : ValidationSpec;

/// <summary>keras.callbacks.EarlyStopping(monitor='val_loss', mode='min', patience=N), restore_best_weights=False.</summary>
public sealed record EarlyStoppingSpec(int Patience, double MinDelta = 0);
