using Repro.Experiments;
using Repro.Reproduction.Keras;
using static Repro.Torch.torch;

namespace Repro.Reproduction.Tests;

/// <summary>Keras 2's losses (keras/losses.py, keras/backend.py) against values worked out by hand.</summary>
public class KerasLossesTests
{
    private const double Eps = 1e-7;
    private static readonly float[] Prediction = [0.2f, 0.7f, 0.1f];
    private static readonly float[] OneHot = [0, 1, 0];

    private static double Value(Func<Repro.Torch.Tensor, Repro.Torch.Tensor, Repro.Torch.Tensor> loss, float[] yTrue, long[] trueShape, float[] yPred)
    {
        using var scope = NewDisposeScope();
        return loss(tensor(yTrue, trueShape), tensor(yPred, 1, yPred.Length)).ToDouble();
    }

    [Test]
    public void Mse_is_the_mean_square_over_the_outputs() =>
        Assert.That(Value(KerasLosses.MeanSquaredError, OneHot, [1, 3], Prediction), Is.EqualTo((0.04 + 0.09 + 0.01) / 3).Within(1e-7));

    /// <summary>mean((log(max(p, ε)+1) − log(max(y, ε)+1))²): the zero labels are clipped to ε.</summary>
    [Test]
    public void Msle_clips_both_sides_at_epsilon()
    {
        var expected = (Math.Pow(Math.Log(1.2) - Math.Log(1 + Eps), 2) + Math.Pow(Math.Log(1.7) - Math.Log(2), 2) + Math.Pow(Math.Log(1.1) - Math.Log(1 + Eps), 2)) / 3;
        Assert.That(Value(KerasLosses.MeanSquaredLogarithmicError, OneHot, [1, 3], Prediction), Is.EqualTo(expected).Within(1e-7));
        // A zero prediction is clipped to ε too: (log(1+ε) − log 2)².
        Assert.That(Value(KerasLosses.MeanSquaredLogarithmicError, [1], [1, 1], [0f]), Is.EqualTo(Math.Pow(Math.Log(1 + Eps) - Math.Log(2), 2)).Within(1e-6));
    }

    /// <summary>0/1 labels become −1/1: mean(max(1 + 0.2, 0), max(1 − 0.7, 0), max(1 + 0.1, 0)).</summary>
    [Test]
    public void Hinge_converts_binary_labels_to_plus_minus_one() =>
        Assert.That(Value(KerasLosses.Hinge, OneHot, [1, 3], Prediction), Is.EqualTo((1.2 + 0.3 + 1.1) / 3).Within(1e-6));

    /// <summary>A batch with a label outside {0, 1} is left as it is: label 3 gives mean(max(1 − 3p, 0)).</summary>
    [Test]
    public void Hinge_keeps_non_binary_labels() =>
        Assert.That(Value(KerasLosses.Hinge, [3], [1, 1], Prediction), Is.EqualTo((0.4 + 0 + 0.7) / 3).Within(1e-6));

    /// <summary>Σ y·log(y/p) with y and p clipped to [ε, 1]: the zero labels contribute ε·log(ε/p).</summary>
    [Test]
    public void Kl_divergence_clips_to_epsilon_and_one()
    {
        var expected = Eps * Math.Log(Eps / 0.2) + Math.Log(1 / 0.7) + Eps * Math.Log(Eps / 0.1);
        Assert.That(Value(KerasLosses.KLDivergence, OneHot, [1, 3], Prediction), Is.EqualTo(expected).Within(1e-6));
        // An integer label 3 is clipped to 1 in every column: −Σ log p.
        Assert.That(Value(KerasLosses.KLDivergence, [3], [1, 1], Prediction), Is.EqualTo(-(Math.Log(0.2) + Math.Log(0.7) + Math.Log(0.1))).Within(1e-5));
    }

    /// <summary>From probabilities a zero probability of the true class is clipped to ε: −log(ε/(1 + ε)) ≈ 16.118.</summary>
    [Test]
    public void Crossentropy_from_probabilities_clips_to_epsilon()
    {
        using var scope = NewDisposeScope();
        var probabilities = tensor(new float[] { 1, 0, 0 }, 1, 3);
        var labels = tensor(new long[] { 1 });
        Assert.That(KerasLosses.SparseCategoricalCrossentropy(probabilities, labels).ToDouble(), Is.EqualTo(-Math.Log(Eps)).Within(1e-4));
        Assert.That(KerasLosses.CategoricalCrossentropy(tensor(OneHot, 1, 3), probabilities).ToDouble(), Is.EqualTo(-Math.Log(Eps)).Within(1e-4));
    }

    /// <summary>
    /// On a softmax output TensorFlow's Keras uses the logits: logits (20, 0, 0) with label 1 give
    /// 20 + log(1 + 2e−20) ≈ 20, where clipped probabilities would stop at ≈ 16.1.
    /// </summary>
    [Test]
    public void Crossentropy_on_a_softmax_output_uses_the_unclipped_logits()
    {
        using var scope = NewDisposeScope();
        var logits = tensor(new float[] { 20, 0, 0 }, 1, 3);
        var labels = tensor(new long[] { 1 });
        var viaLogits = KerasLosses.Compute("categorical_crossentropy", Activation.Softmax, logits, labels, nn.Reduction.Mean).ToDouble();
        var clipped = KerasLosses.Compute("categorical_crossentropy", Activation.Softmax, logits, labels, nn.Reduction.Mean, useSoftmaxLogits: false).ToDouble();
        Assert.That(viaLogits, Is.EqualTo(20 + Math.Log(1 + 2 * Math.Exp(-20))).Within(1e-4));
        Assert.That(clipped, Is.EqualTo(-Math.Log(Eps / (1 + 2 * Eps))).Within(1e-3));
    }

    /// <summary>
    /// Report 002's loss sweep: integer labels against 4 softmax outputs of 0.25. Broadcast, label 2
    /// compares every output with 2: MSE (0.25 − 2)² = 3.0625; one-hot would give 0.1875.
    /// </summary>
    [Test]
    public void Integer_labels_broadcast_across_the_outputs_when_asked()
    {
        using var scope = NewDisposeScope();
        var logits = zeros([2, 4]);
        var flat = tensor(new long[] { 2, 0 });
        var column = tensor(new long[] { 2, 0 }, 2, 1);
        double Mse(Repro.Torch.Tensor labels, LabelEncoding encoding) =>
            KerasLosses.Compute("mean_squared_error", Activation.Softmax, logits, labels, nn.Reduction.None, encoding).data<float>()[0];
        Assert.That(Mse(flat, LabelEncoding.IntegerBroadcast), Is.EqualTo(3.0625).Within(1e-6));
        Assert.That(Mse(column, LabelEncoding.IntegerBroadcast), Is.EqualTo(3.0625).Within(1e-6));
        Assert.That(Mse(flat, LabelEncoding.OneHot), Is.EqualTo(0.1875).Within(1e-6));
        // Sample 2 (label 0): mean of 0.25² = 0.0625; the batch mean is (3.0625 + 0.0625)/2.
        Assert.That(KerasLosses.Compute("mse", Activation.Softmax, logits, flat, nn.Reduction.Mean, LabelEncoding.IntegerBroadcast).ToDouble(), Is.EqualTo(1.5625).Within(1e-6));
    }

    /// <summary>Labels 2 and 0 together are not binary, so hinge keeps them: label 2 gives max(1 − 0.5, 0) = 0.5.</summary>
    [Test]
    public void Hinge_with_broadcast_integer_labels()
    {
        using var scope = NewDisposeScope();
        var perSample = KerasLosses.Compute("hinge", Activation.Softmax, zeros([2, 4]), tensor(new long[] { 2, 0 }), nn.Reduction.None, LabelEncoding.IntegerBroadcast).data<float>();
        Assert.That(perSample, Is.EqualTo(new[] { 0.5f, 1f }).Within(1e-6));
    }

    [Test]
    public void Existing_training_entry_point_keeps_its_cross_entropy()
    {
        using var generator = new Repro.Torch.Generator(1);
        using var model = KerasModel.Build([new Flatten(), new Dense(3, Activation.Softmax)], (1, 1, 2), generator);
        using var scope = NewDisposeScope();
        var logits = tensor(new float[] { 1, 2, 3, 0, 0, 0 }, 2, 3);
        var labels = tensor(new long[] { 2, 1 });
        var expected = (-Math.Log(Math.Exp(3) / (Math.Exp(1) + Math.Exp(2) + Math.Exp(3))) + Math.Log(3)) / 2;
        Assert.That(KerasTraining.Loss("categorical_crossentropy", model, logits, labels).ToDouble(), Is.EqualTo(expected).Within(1e-6));
        Assert.That(KerasTraining.Loss("sparse_categorical_crossentropy", model, logits, labels, nn.Reduction.Sum).ToDouble(), Is.EqualTo(expected * 2).Within(1e-5));
    }
}
