using Repro.Experiments;
using Repro.Reproduction.Keras;
using Repro.Torch;
using static Repro.Torch.torch;

namespace Repro.Reproduction.Tests;

/// <summary>
/// TensorFlow's "same" padding: output ⌈in/stride⌉, total pad max((out−1)·s + k − in, 0), the odd
/// pixel at the bottom/right (tensorflow/python/ops/nn_ops.py); "valid" floors.
/// </summary>
public class KerasPaddingTests
{
    private static float[] Run(KerasModel model, float[] input, params long[] shape)
    {
        using var scope = NewDisposeScope();
        return model.Network.call(tensor(input, shape)).data<float>();
    }

    private static long[] OutputShape(IReadOnlyList<Layer> layers, (int, int, int) input)
    {
        using var generator = new Generator(1);
        using var model = KerasModel.Build(layers, input, generator);
        using var scope = NewDisposeScope();
        var (c, h, w) = input;
        return model.Network.call(zeros([2, c, h, w])).shape;
    }

    [TestCase(6, 3, 2, 3)]
    [TestCase(7, 3, 2, 4)]
    [TestCase(6, 4, 1, 6)]
    [TestCase(5, 3, 1, 5)]
    [TestCase(8, 5, 3, 3)]
    public void Same_convolution_gives_ceil_of_input_over_stride(int size, int kernel, int stride, int expected) =>
        Assert.That(OutputShape([new Conv2D(4, kernel, Activation.Relu, Padding.Same, stride)], (2, size, size)), Is.EqualTo(new long[] { 2, 4, expected, expected }));

    [Test]
    public void Stride_2_on_an_even_input_pads_only_bottom_and_right()
    {
        using var generator = new Generator(1);
        using var model = KerasModel.Build([new Conv2D(1, 3, Activation.Linear, Padding.Same, 2)], (1, 6, 6), generator);
        Assert.That(model.Network.Layers[0], Is.TypeOf<KerasPad>());
        Assert.That(((KerasPad)model.Network.Layers[0]).Pads, Is.EqualTo(new long[] { 0, 1, 0, 1 }));
        using (no_grad())
        using (var scope = NewDisposeScope())
            model.Network.parameters().First().copy_(ones([1, 1, 3, 3]));
        // A 3×3 sum of ones: full windows give 9; the last row/column overlaps one pixel of padding.
        var output = Run(model, Enumerable.Repeat(1f, 36).ToArray(), 1, 1, 6, 6);
        Assert.That(output, Is.EqualTo(new float[] { 9, 9, 6, 9, 9, 6, 6, 6, 4 }));
    }

    [Test]
    public void Symmetric_same_padding_uses_the_convolution_padding()
    {
        using var generator = new Generator(1);
        using var model = KerasModel.Build([new Conv2D(1, 3, Activation.Linear, Padding.Same)], (1, 5, 5), generator);
        Assert.That(model.Network.Layers, Has.Count.EqualTo(1));
    }

    [TestCase(5, 2, null, Padding.Valid, 2)]
    [TestCase(7, 3, 2, Padding.Valid, 3)]
    [TestCase(5, 2, null, Padding.Same, 3)]
    [TestCase(6, 3, 2, Padding.Same, 3)]
    public void Max_pooling_output_sizes(int size, int pool, int? strides, Padding padding, int expected) =>
        Assert.That(OutputShape([new MaxPooling2D(pool, strides, padding)], (1, size, size)), Is.EqualTo(new long[] { 2, 1, expected, expected }));

    [Test]
    public void Same_max_pooling_never_picks_the_padding()
    {
        using var generator = new Generator(1);
        using var model = KerasModel.Build([new MaxPooling2D(2, Padding: Padding.Same)], (1, 3, 3), generator);
        var output = Run(model, [-1, -2, -3, -4, -5, -6, -7, -8, -9], 1, 1, 3, 3);
        Assert.That(output, Is.EqualTo(new float[] { -1, -3, -7, -9 }));
    }

    [Test]
    public void Dense_after_same_convolution_sees_the_Keras_feature_count()
    {
        using var generator = new Generator(1);
        using var model = KerasModel.Build(
            [new Conv2D(2, 3, Activation.Tanh, Padding.Same, 2), new Flatten(), new Dense(3, Activation.Sigmoid)], (1, 6, 6), generator);
        Assert.That(model.ParameterCount, Is.EqualTo(2 * 9 + 2 + 18 * 3 + 3));
        Assert.That(model.OutputActivation, Is.EqualTo(Activation.Sigmoid));
    }
}
