using Repro.Experiments;
using Repro.Experiments.Definitions;
using Repro.Reproduction.Keras;
using Repro.Torch;
using static Repro.Torch.torch;

namespace Repro.Reproduction.Tests;

public class KerasModelTests
{
    [Test]
    public void Report_003_LeNet5_has_the_44426_parameters_its_summary_printed()
    {
        using var generator = new Generator(1);
        using var model = KerasModel.Build(Report003.LeNet5, (1, 28, 28), generator);
        Assert.That(model.ParameterCount, Is.EqualTo(156 + 2_416 + 30_840 + 10_164 + 850));
        Assert.That(model.OutputActivation, Is.EqualTo(Activation.Softmax));
    }

    [Test]
    public void Kernels_are_glorot_uniform_and_biases_zero_as_Keras_initialises_them()
    {
        using var generator = new Generator(1);
        using var model = KerasModel.Build(Report003.LeNet5, (1, 28, 28), generator);
        var named = model.Network.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        // Dense 256→120: Keras bound √(6/376) = 0.126; PyTorch's default would be 1/√256 = 0.0625.
        var dense = named["7.weight"].data<float>();
        Assert.That(dense.Max(v => Math.Abs(v)), Is.GreaterThan(0.12).And.LessThanOrEqualTo(Math.Sqrt(6.0 / 376)));
        Assert.That(named.Where(p => p.Key.EndsWith("bias")).SelectMany(p => p.Value.data<float>()), Is.All.EqualTo(0f));
    }

    [Test]
    public void Same_initialisation_seed_gives_identical_weights()
    {
        float[] FirstKernel(ulong seed)
        {
            using var generator = new Generator(seed);
            using var model = KerasModel.Build(Report003.LeNet5, (1, 28, 28), generator);
            return model.Network.parameters().First().data<float>();
        }
        Assert.That(FirstKernel(3), Is.EqualTo(FirstKernel(3)));
        Assert.That(FirstKernel(3), Is.Not.EqualTo(FirstKernel(4)));
    }

    [Test]
    public void Predictions_are_probabilities()
    {
        using var generator = new Generator(1);
        using var model = KerasModel.Build(Report003.LeNet5, (1, 28, 28), generator);
        using var scope = NewDisposeScope();
        var probabilities = model.Predict(empty([4, 1, 28, 28]).uniform_(0, 1, generator));
        Assert.That(probabilities.sum(1).data<float>(), Is.All.EqualTo(1f).Within(1e-5));
    }
}

public class TransferModelTests
{
    [Test]
    public void ResNet50_transfer_model_maps_32x32_colour_images_to_10_probabilities_and_trains_only_its_head()
    {
        using var generator = new Generator(1);
        using var model = KerasModel.Build(Report003.ResNet50Transfer, (3, 32, 32), generator);
        model.Network.eval();
        using var scope = NewDisposeScope();
        var probabilities = model.Predict(empty([2, 3, 32, 32]).uniform_(0, 1, generator));
        Assert.That(probabilities.shape, Is.EqualTo(new long[] { 2, 10 }));
        Assert.That(probabilities.sum(1).data<float>(), Is.All.EqualTo(1f).Within(1e-5));
        // Only the head learns: flatten(2048) → 256 → 10.
        Assert.That(model.TrainableParameterCount, Is.EqualTo(2048 * 256 + 256 + 256 * 10 + 10));
    }
}
