using Repro.Experiments;
using Repro.Reproduction.Keras;
using Repro.Torch;
using static Repro.Torch.torch;

namespace Repro.Reproduction.Tests;

/// <summary>
/// keras/layers/normalization/batch_normalization.py: training normalises with the batch mean and
/// biased variance, ε 1e-3, and moves moving ← 0.99·moving + 0.01·batch; inference uses the moving statistics.
/// </summary>
public class KerasBatchNormTests
{
    private const double Momentum = 0.99, Epsilon = 1e-3;

    /// <summary>Two batches of a (N=2, C=2, H=1, W=2) map; per channel statistics over 4 values.</summary>
    private static readonly float[] First = [1, 2, 3, 4, /* sample 2 */ 5, 7, -1, 0];
    private static readonly float[] Second = [0, 0, 2, 2, /* sample 2 */ 4, 8, 6, 2];

    private static (double Mean, double Variance) Moments(IEnumerable<double> values)
    {
        var v = values.ToArray();
        var mean = v.Average();
        return (mean, v.Select(x => (x - mean) * (x - mean)).Average());
    }

    /// <summary>Channel c of a (2, 2, 1, 2) buffer: elements [n, c, 0, w].</summary>
    private static IEnumerable<double> Channel(float[] data, int c) =>
        new[] { 0, 1 }.SelectMany(n => new[] { 0, 1 }.Select(w => (double)data[n * 4 + c * 2 + w]));

    [Test]
    public void Moving_statistics_after_two_training_steps_use_the_biased_variance()
    {
        using var bn = new KerasBatchNorm(2);
        using (var scope = NewDisposeScope())
        {
            bn.call(tensor(First, 2, 2, 1, 2));
            bn.call(tensor(Second, 2, 2, 1, 2));
        }
        var expectedMean = new double[2];
        var expectedVariance = new double[2];
        for (var c = 0; c < 2; c++)
        {
            double mean = 0, variance = 1;
            foreach (var batch in new[] { First, Second })
            {
                var (m, v) = Moments(Channel(batch, c));
                mean = mean * Momentum + m * (1 - Momentum);
                variance = variance * Momentum + v * (1 - Momentum);
            }
            (expectedMean[c], expectedVariance[c]) = (mean, variance);
        }
        Assert.That(bn.moving_mean.data<float>(), Is.EqualTo(expectedMean.Select(v => (float)v)).Within(1e-6));
        Assert.That(bn.moving_variance.data<float>(), Is.EqualTo(expectedVariance.Select(v => (float)v)).Within(1e-6));
        // Channel 0 of the first batch: values 1, 2, 5, 7, mean 3.75, biased variance 5.6875 (unbiased would be 7.583).
        Assert.That(Moments(Channel(First, 0)), Is.EqualTo((3.75, 5.6875)));
    }

    [Test]
    public void Training_normalises_with_batch_statistics_and_inference_with_moving_ones()
    {
        using var bn = new KerasBatchNorm(2);
        using var scope = NewDisposeScope();
        var trained = bn.call(tensor(First, 2, 2, 1, 2)).data<float>();
        var (m0, v0) = Moments(Channel(First, 0));
        Assert.That(trained[0], Is.EqualTo((1 - m0) / Math.Sqrt(v0 + Epsilon)).Within(1e-5));

        bn.eval();
        var inferred = bn.call(tensor(First, 2, 2, 1, 2)).data<float>();
        var movingMean = m0 * (1 - Momentum);
        var movingVariance = Momentum + v0 * (1 - Momentum);
        Assert.That(inferred[0], Is.EqualTo((1 - movingMean) / Math.Sqrt(movingVariance + Epsilon)).Within(1e-5));
        // Inference leaves the moving statistics alone.
        Assert.That(bn.moving_mean.data<float>()[0], Is.EqualTo(movingMean).Within(1e-6));
    }

    [Test]
    public void After_a_dense_layer_it_normalises_per_feature()
    {
        using var bn = new KerasBatchNorm(2);
        using var scope = NewDisposeScope();
        bn.call(tensor(new float[] { 1, 10, 3, 20, 5, 60 }, 3, 2));
        Assert.That(bn.moving_mean.data<float>(), Is.EqualTo(new[] { 0.03f, 0.3f }).Within(1e-6));
        // Feature 0: 1, 3, 5 → biased variance 8/3.
        Assert.That(bn.moving_variance.data<float>()[0], Is.EqualTo(0.99 + 0.01 * 8.0 / 3).Within(1e-6));
    }

    [Test]
    public void Model_builds_Keras_initialised_batch_norm_switched_by_train_and_eval()
    {
        using var generator = new Generator(1);
        using var model = KerasModel.Build(
            [new Conv2D(3, 3, Activation.Relu), new BatchNormalization(), new Flatten(), new Dense(4, Activation.Linear), new BatchNormalization(), new Dense(2, Activation.Softmax)],
            (1, 5, 5), generator);
        var norms = model.Network.Layers.OfType<KerasBatchNorm>().ToArray();
        Assert.That(norms.Select(n => n.gamma.numel()), Is.EqualTo(new long[] { 3, 4 }));
        Assert.That(norms.SelectMany(n => n.gamma.data<float>()), Is.All.EqualTo(1f));
        Assert.That(norms.SelectMany(n => n.beta.data<float>().Concat(n.moving_mean.data<float>())), Is.All.EqualTo(0f));
        Assert.That(norms.SelectMany(n => n.moving_variance.data<float>()), Is.All.EqualTo(1f));
        // Keras summary: total counts γ, β and the moving statistics; trainable only γ and β.
        const long conv = 3 * 9 + 3, dense1 = 27 * 4 + 4, dense2 = 4 * 2 + 2;
        Assert.That(model.ParameterCount, Is.EqualTo(conv + 4 * 3 + dense1 + 4 * 4 + dense2));
        Assert.That(model.TrainableParameterCount, Is.EqualTo(conv + 2 * 3 + dense1 + 2 * 4 + dense2));
        model.Network.eval();
        Assert.That(norms.Any(n => n.training), Is.False);
        model.Network.train();
        Assert.That(norms.All(n => n.training), Is.True);
    }

    [Test]
    public void A_frozen_layer_normalises_with_its_moving_statistics_in_training_mode_and_keeps_them()
    {
        using var bn = new KerasBatchNorm(2) { Trainable = false };
        using var scope = NewDisposeScope();
        using (no_grad())
        {
            bn.moving_mean.copy_(tensor(new float[] { 0.5f, -1 }));
            bn.moving_variance.copy_(tensor(new float[] { 4, 0.25f }));
        }

        bn.train();
        var output = bn.call(tensor(First, 2, 2, 1, 2)).data<float>();
        Assert.Multiple(() =>
        {
            Assert.That(bn.moving_mean.data<float>(), Is.EqualTo(new[] { 0.5f, -1 }), "never updated");
            Assert.That(bn.moving_variance.data<float>(), Is.EqualTo(new[] { 4, 0.25f }));
            // Element [0, 0, 0, 0] = 1 and [0, 1, 0, 0] = 3: (x − moving mean)/√(moving variance + ε).
            Assert.That(output[0], Is.EqualTo((1 - 0.5) / Math.Sqrt(4 + Epsilon)).Within(1e-6));
            Assert.That(output[2], Is.EqualTo((3 + 1) / Math.Sqrt(0.25 + Epsilon)).Within(1e-5));
        });
    }

    [Test]
    public void Every_batch_norm_of_a_frozen_resnet50_base_is_frozen_and_none_of_a_trainable_one()
    {
        using var generator = new Generator(1);
        using var frozen = KerasModel.Build([new ResNet50Base(Trainable: false)], (3, 32, 32), generator);
        using var trainable = KerasModel.Build([new ResNet50Base(Trainable: true)], (3, 32, 32), generator);
        var norms = (KerasModel model) => model.NamedLayers.Select(l => l.Module).OfType<KerasBatchNorm>().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(norms(frozen), Has.Count.EqualTo(53));
            Assert.That(norms(frozen).Select(n => n.Trainable), Is.All.False);
            Assert.That(norms(trainable).Select(n => n.Trainable), Is.All.True);
        });
    }
}
