using Repro.Torch.Modules;
using Repro.Torch.Tests.Reference;
using static Repro.Torch.torch;

namespace Repro.Torch.Tests;

public class ModuleTests
{
    /// <summary>Report 003's LeNet-5 written with the binding; its summary printed 156 + 2,416 + 30,840 + 10,164 + 850 parameters.</summary>
    internal static Sequential LeNet5() => nn.Sequential(
        nn.Conv2d(1, 6, 5), new ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(6, 16, 5), new ReLU(), nn.MaxPool2d(2),
        nn.Flatten(),
        nn.Linear(256, 120), new ReLU(),
        nn.Linear(120, 84), new ReLU(),
        nn.Linear(84, 10));

    [Test]
    public void LeNet5_has_the_parameter_count_the_report_printed()
    {
        using var model = LeNet5();
        Assert.That(model.parameters().Sum(p => p.numel()), Is.EqualTo(156 + 2416 + 30840 + 10164 + 850));
        Assert.That(model.named_parameters().Select(p => p.name).First(), Is.EqualTo("0.weight"));
    }

    [Test]
    public void LeNet5_maps_a_batch_of_28x28_images_to_10_outputs()
    {
        using var model = LeNet5();
        using var scope = NewDisposeScope();
        var output = model.call(zeros([3, 1, 28, 28]));
        Assert.That(output.shape, Is.EqualTo(new long[] { 3, 10 }));
    }

    [Test]
    public void Conv2d_computes_a_known_sum()
    {
        using var conv = nn.Conv2d(1, 1, 2, bias: false);
        nn.init.uniform_(conv.weight, 1, 1);
        using var scope = NewDisposeScope();
        var output = conv.call(tensor(Enumerable.Range(0, 9).Select(i => (float)i).ToArray(), 1, 1, 3, 3));
        // Each output is the sum of a 2x2 window of 0..8 laid out 3x3.
        Assert.That(output.data<float>(), Is.EqualTo(new[] { 8f, 12f, 20f, 24f }));
    }

    [Test]
    public void Max_pooling_floors_odd_sizes_like_Keras_valid_pooling()
    {
        using var scope = NewDisposeScope();
        var output = nn.functional.max_pool2d(tensor(Enumerable.Range(0, 25).Select(i => (float)i).ToArray(), 1, 1, 5, 5), 2);
        Assert.That(output.shape, Is.EqualTo(new long[] { 1, 1, 2, 2 }));
        Assert.That(output.data<float>(), Is.EqualTo(new[] { 6f, 8f, 16f, 18f }));
    }

    [Test]
    public void Xavier_uniform_stays_within_the_glorot_bound_and_uses_it()
    {
        using var g = new Generator(1);
        using var w = empty([120, 256]);
        nn.init.xavier_uniform_(w, generator: g);
        var bound = Math.Sqrt(6.0 / (256 + 120));
        var values = w.data<float>();
        Assert.That(values.Max(), Is.LessThanOrEqualTo(bound).And.GreaterThan(0.95 * bound));
        Assert.That(values.Min(), Is.GreaterThanOrEqualTo(-bound).And.LessThan(-0.95 * bound));
    }

    [Test]
    public void Dropout_is_identity_in_eval_mode()
    {
        using var dropout = nn.Dropout(0.5);
        dropout.eval();
        using var scope = NewDisposeScope();
        Assert.That(dropout.call(ones([100])).data<float>(), Is.All.EqualTo(1f));
    }
}
