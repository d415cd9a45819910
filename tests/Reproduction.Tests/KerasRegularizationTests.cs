using Repro.Experiments;
using Repro.Reproduction.Keras;
using Repro.Torch;
using static Repro.Torch.torch;

namespace Repro.Reproduction.Tests;

/// <summary>
/// keras/regularizers.py L1L2: l1·Σ|w| + l2·Σw² (no ½) per regularised weight; activity
/// regularisers on a layer's output, divided by the batch size (keras/engine/base_layer.py,
/// _handle_activity_regularization).
/// </summary>
public class KerasRegularizationTests
{
    [Test]
    public void Constructors_have_Keras_defaults()
    {
        Assert.That(Regularizers.L1(), Is.EqualTo(new Regularizer(0.01, 0)));
        Assert.That(Regularizers.L2(), Is.EqualTo(new Regularizer(0, 0.01)));
        Assert.That(Regularizers.L1L2(), Is.EqualTo(new Regularizer(0, 0)));
    }

    [Test]
    public void Penalty_is_l1_abs_sum_plus_l2_square_sum()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new float[] { 1, -2, 3 });
        Assert.That(KerasRegularization.Penalty(x, Regularizers.L1L2(0.1, 0.01)).ToDouble(), Is.EqualTo(0.1 * 6 + 0.01 * 14).Within(1e-6));
        Assert.That(KerasRegularization.Penalty(x, Regularizers.L1L2()).ToDouble(), Is.EqualTo(0));
    }

    [Test]
    public void Weight_penalties_cover_regularised_kernels_and_biases_only()
    {
        using var generator = new Generator(1);
        using var model = KerasModel.Build(
        [
            new Conv2D(2, 3, Activation.Relu) { KernelRegularizer = Regularizers.L2(0.02) },
            new Flatten(),
            new Dense(3, Activation.Softmax) { KernelRegularizer = Regularizers.L1(0.5), BiasRegularizer = Regularizers.L2(1) },
        ], (1, 4, 4), generator);
        var named = model.Network.named_parameters().ToDictionary(p => p.name, p => p.parameter.data<float>());
        using (no_grad())
        using (var s = NewDisposeScope())
            model.Network.named_parameters().Single(p => p.name == "3.bias").parameter.copy_(tensor(new float[] { 1, -1, 2 }));
        var expected = 0.02 * named["0.weight"].Sum(w => (double)w * w) + 0.5 * named["3.weight"].Sum(w => Math.Abs((double)w)) + 1.0 * 6;
        using var scope = NewDisposeScope();
        Assert.That(model.RegularizationLoss().ToDouble(), Is.EqualTo(expected).Within(1e-5));
        Assert.That(model.RegularizedWeights, Has.Count.EqualTo(3));
    }

    [Test]
    public void Activity_penalty_is_taken_on_the_activated_output_and_scaled_by_the_Keras_generation()
    {
        using var generator = new Generator(1);
        var activity = Regularizers.L1L2(0.1, 0.2);
        using var model = KerasModel.Build(
        [
            new Flatten(),
            new Dense(3, Activation.Relu) { ActivityRegularizer = activity },
            new Dense(2, Activation.Softmax) { ActivityRegularizer = Regularizers.L2(1) },
        ], (1, 1, 2), generator);
        float[] x = [1, -2, 0.5f, 3];
        var w1 = model.Network.named_parameters().Single(p => p.name == "1.weight").parameter.data<float>();
        var w2 = model.Network.named_parameters().Single(p => p.name == "3.weight").parameter.data<float>();
        double expected = 0;
        for (var n = 0; n < 2; n++)
        {
            // Biases are zero: hidden = relu(W1·x), output = softmax(W2·hidden).
            var hidden = Enumerable.Range(0, 3).Select(j => Math.Max(0.0, (double)w1[j * 2] * x[n * 2] + (double)w1[j * 2 + 1] * x[n * 2 + 1])).ToArray();
            var z = Enumerable.Range(0, 2).Select(k => Enumerable.Range(0, 3).Sum(j => w2[k * 3 + j] * hidden[j])).ToArray();
            var probabilities = z.Select(v => Math.Exp(v) / z.Sum(Math.Exp)).ToArray();
            expected += (0.1 * hidden.Sum() + 0.2 * hidden.Sum(h => h * h)) / 2 + probabilities.Sum(p => p * p) / 2;
        }
        using var scope = NewDisposeScope();
        var (logits, penalty) = model.Forward(tensor(x, 2, 1, 1, 2), KerasGeneration.TfKeras2);
        var (_, summed) = model.Forward(tensor(x, 2, 1, 1, 2), KerasGeneration.Keras3);
        Assert.Multiple(() =>
        {
            Assert.That(logits.shape, Is.EqualTo(new long[] { 2, 2 }));
            Assert.That(penalty.ToDouble(), Is.EqualTo(expected).Within(1e-5), "Keras 2: each layer's penalty over the batch, divided by its size (2)");
            Assert.That(summed.ToDouble(), Is.EqualTo(2 * expected).Within(1e-5), "Keras 3: each layer's penalty summed over the batch");
        });
    }

    [Test]
    public void Objective_adds_weight_and_activity_penalties_to_the_mean_loss()
    {
        using var generator = new Generator(1);
        using var model = KerasModel.Build(
        [
            new Flatten(),
            new Dense(3, Activation.Tanh) { KernelRegularizer = Regularizers.L2(), ActivityRegularizer = Regularizers.L1() },
            new Dense(2, Activation.Softmax),
        ], (1, 1, 2), generator);
        using var scope = NewDisposeScope();
        var input = tensor(new float[] { 1, -2, 0.5f, 3, 0, 1 }, 3, 1, 1, 2);
        var labels = tensor(new long[] { 0, 1, 1 });
        var spec = new TrainingSpec { Optimizer = new OptimizerSpec("sgd"), Loss = "sparse_categorical_crossentropy", Epochs = 1, BatchSize = 3, Validation = new NoValidation() };
        var (total, logits) = KerasTraining.Objective(spec, model, input, labels);
        var (_, activity) = model.Forward(input, spec.Keras);
        var expected = KerasTraining.Loss("sparse_categorical_crossentropy", model, logits, labels).ToDouble() + activity.ToDouble() + model.RegularizationLoss().ToDouble();
        Assert.That(total.ToDouble(), Is.EqualTo(expected).Within(1e-6));
        Assert.That(activity.ToDouble(), Is.GreaterThan(0));
    }

    [Test]
    public void An_unregularised_model_adds_nothing()
    {
        using var generator = new Generator(1);
        using var model = KerasModel.Build([new Flatten(), new Dense(2, Activation.Softmax)], (1, 1, 2), generator);
        using var scope = NewDisposeScope();
        Assert.That(model.IsRegularized, Is.False);
        Assert.That(model.RegularizationLoss().ToDouble(), Is.EqualTo(0));
        Assert.That(model.Forward(ones([2, 1, 1, 2]), KerasGeneration.Keras3).ActivityPenalty.ToDouble(), Is.EqualTo(0));
    }
}
