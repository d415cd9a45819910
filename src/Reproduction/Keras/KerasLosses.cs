using Repro.Experiments;
using Repro.Torch;
using static Repro.Torch.torch;

namespace Repro.Reproduction.Keras;

/// <summary>
/// Keras 2's loss functions (keras/losses.py, keras/backend.py) on a model's outputs, per sample
/// (the last axis reduced); Keras then averages over the batch (SUM_OVER_BATCH_SIZE).
/// y_pred is the activated output (probabilities after a softmax); the cross-entropies can also
/// start from the softmax's logits, as TensorFlow's Keras does when the output is a softmax
/// (keras/backend.py categorical_crossentropy: the _keras_logits shortcut, no clipping).
/// </summary>
public static class KerasLosses
{
    /// <summary>keras.backend.epsilon(), the clipping bound of every loss below.</summary>
    public const double Epsilon = 1e-7;

    /// <summary>sparse_categorical_crossentropy from logits: log-softmax + NLL, unclipped.</summary>
    public static Tensor SparseCategoricalCrossentropyFromLogits(Tensor logits, Tensor labels) =>
        nn.functional.cross_entropy(logits, Indices(labels), nn.Reduction.None);

    /// <summary>
    /// sparse_categorical_crossentropy from probabilities (keras/backend.py): clip to [ε, 1−ε],
    /// take the log, and hand it to sparse_softmax_cross_entropy_with_logits, which renormalises.
    /// </summary>
    public static Tensor SparseCategoricalCrossentropy(Tensor probabilities, Tensor labels) =>
        nn.functional.cross_entropy(probabilities.clamp(Epsilon, 1 - Epsilon).log(), Indices(labels), nn.Reduction.None);

    /// <summary>
    /// categorical_crossentropy from probabilities (keras/backend.py): p ← p/Σp, clip to [ε, 1−ε], −Σ y·log p.
    /// </summary>
    public static Tensor CategoricalCrossentropy(Tensor yTrue, Tensor probabilities)
    {
        var p = (probabilities / probabilities.sum(1, keepdim: true)).clamp(Epsilon, 1 - Epsilon);
        return -(yTrue * p.log()).sum(1);
    }

    /// <summary>mean_squared_error: mean((y_pred − y_true)², axis=−1).</summary>
    public static Tensor MeanSquaredError(Tensor yTrue, Tensor yPred) => (yPred - yTrue).square().mean(1);

    /// <summary>mean_squared_logarithmic_error: mean((log(max(y_pred, ε) + 1) − log(max(y_true, ε) + 1))², axis=−1).</summary>
    public static Tensor MeanSquaredLogarithmicError(Tensor yTrue, Tensor yPred)
    {
        var first = yPred.clamp(Epsilon, double.PositiveInfinity).log1p();
        var second = yTrue.clamp(Epsilon, double.PositiveInfinity).log1p();
        return (first - second).square().mean(1);
    }

    /// <summary>
    /// hinge: mean(max(1 − y_true·y_pred, 0), axis=−1), after Keras's _maybe_convert_labels:
    /// when every y_true of the batch is 0 or 1 they become −1/1 (2y − 1); other labels stay as they are.
    /// </summary>
    public static Tensor Hinge(Tensor yTrue, Tensor yPred)
    {
        var isBinary = (yTrue * (yTrue - 1)).abs().sum().ToDouble() == 0;
        var y = isBinary ? yTrue * 2 - 1 : yTrue;
        return (-(y * yPred) + 1).clamp(0, double.PositiveInfinity).mean(1);
    }

    /// <summary>kl_divergence: y_true and y_pred clipped to [ε, 1], Σ y_true·log(y_true/y_pred) over the last axis.</summary>
    public static Tensor KLDivergence(Tensor yTrue, Tensor yPred)
    {
        var t = yTrue.clamp(Epsilon, 1);
        var p = yPred.clamp(Epsilon, 1);
        return (t * (t / p).log()).sum(1);
    }

    /// <summary>
    /// y_true for a loss over <paramref name="classes"/> outputs: one-hot rows, or the integer label
    /// as a float column (N, 1) that broadcasts across every output, as Keras's
    /// squeeze_or_expand_dimensions turns a (N,) label vector into (N, 1) (keras/utils/losses_utils.py).
    /// </summary>
    public static Tensor Targets(Tensor labels, long classes, LabelEncoding encoding, ScalarType dtype) => encoding switch
    {
        LabelEncoding.OneHot => nn.functional.one_hot(Indices(labels), classes).to_type(dtype),
        LabelEncoding.IntegerBroadcast => labels.to_type(dtype).reshape(labels.size(0), 1),
        _ => throw new NotSupportedException($"Label encoding {encoding} is not supported."),
    };

    /// <summary>
    /// Per-sample loss by Keras name (and its long aliases) for integer class labels (N) or (N, 1).
    /// <paramref name="useSoftmaxLogits"/>: take the cross-entropies from the logits when the output
    /// is a softmax (TensorFlow Keras); false clips the probabilities as Keras does without that shortcut.
    /// </summary>
    public static Tensor PerSample(string loss, Activation outputActivation, Tensor logits, Tensor labels, LabelEncoding encoding = LabelEncoding.OneHot, bool useSoftmaxLogits = true)
    {
        var fromLogits = useSoftmaxLogits && outputActivation == Activation.Softmax;
        Tensor Probabilities() => KerasActivation.Apply(logits, outputActivation);
        Tensor Truth() => Targets(labels, logits.size(1), encoding, logits.dtype);
        return loss switch
        {
            "sparse_categorical_crossentropy" or "categorical_crossentropy" when fromLogits =>
                SparseCategoricalCrossentropyFromLogits(logits, labels),
            "sparse_categorical_crossentropy" => SparseCategoricalCrossentropy(Probabilities(), labels),
            "categorical_crossentropy" => CategoricalCrossentropy(Targets(labels, logits.size(1), LabelEncoding.OneHot, logits.dtype), Probabilities()),
            "mse" or "mean_squared_error" => MeanSquaredError(Truth(), Probabilities()),
            "msle" or "mean_squared_logarithmic_error" => MeanSquaredLogarithmicError(Truth(), Probabilities()),
            "hinge" => Hinge(Truth(), Probabilities()),
            "kld" or "kl_divergence" or "kullback_leibler_divergence" => KLDivergence(Truth(), Probabilities()),
            _ => throw new NotSupportedException($"Loss '{loss}' is not implemented in Repro."),
        };
    }

    /// <summary><see cref="PerSample"/> reduced: mean over the batch (Keras's SUM_OVER_BATCH_SIZE), sum, or none.</summary>
    public static Tensor Compute(string loss, Activation outputActivation, Tensor logits, Tensor labels, nn.Reduction reduction, LabelEncoding encoding = LabelEncoding.OneHot, bool useSoftmaxLogits = true)
    {
        var perSample = PerSample(loss, outputActivation, logits, labels, encoding, useSoftmaxLogits);
        return reduction switch
        {
            nn.Reduction.Mean => perSample.mean(),
            nn.Reduction.Sum => perSample.sum(),
            _ => perSample,
        };
    }

    /// <summary>Class indices as a flat Int64 vector, from (N) or (N, 1).</summary>
    private static Tensor Indices(Tensor labels) =>
        (labels.dtype == ScalarType.Int64 ? labels : labels.to_type(ScalarType.Int64)).reshape(labels.size(0));
}
