using Repro.Experiments;
using Repro.Reproduction.Keras;
using Repro.Torch;
using static Repro.Torch.torch;

namespace Repro.Reproduction.Tests.Weights;

/// <summary>
/// Reading Keras HDF5 weight files into a model: a file that fits fills every weight kind in Repro's layout; a file
/// that does not fit, or cannot be read, is refused with a message naming the file and the first mismatch, and the
/// model keeps every value it had.
/// </summary>
public class KerasWeightFileTests
{
    private KerasWeightFixtures fixtures = null!;

    /// <summary>The script's small model: conv → BN → relu → max-pool → conv → BN on 3×8×8.</summary>
    internal static readonly IReadOnlyList<Layer> Small =
    [
        new Conv2D(4, 3, Activation.Linear, Padding.Same),
        new BatchNormalization(),
        new ActivationLayer(Activation.Relu),
        new MaxPooling2D(2),
        new Conv2D(6, 3, Activation.Linear, Padding.Same),
        new BatchNormalization(),
    ];

    [OneTimeSetUp]
    public void Write() => fixtures = new KerasWeightFixtures();

    [OneTimeTearDown]
    public void Delete() => fixtures.Dispose();

    private static KerasModel BuildSmall()
    {
        using var generator = new Generator(7);
        return KerasModel.Build(Small, (3, 8, 8), generator);
    }

    [Test]
    public void The_small_model_names_its_layers_as_the_file_does()
    {
        using var model = BuildSmall();
        Assert.That(model.NamedLayers.Select(l => l.Name), Is.EqualTo(new[] { "block1_conv1", "batch_normalization", "block2_conv1", "batch_normalization_1" }));
    }

    [Test]
    public void A_matching_file_fills_kernels_in_oihw_and_every_batch_norm_vector()
    {
        var path = fixtures.Write("small", "small.h5");
        using var model = BuildSmall();
        KerasWeightLoading.Load(model, [path]);
        using var file = KerasWeightFile.Open(path);
        var kernel = file.Layers.Single(l => l.Name == "block2_conv1").Weights[0];
        var hwio = kernel.Read();
        var conv = (Repro.Torch.Modules.Conv2d)model.NamedLayers.Single(l => l.Name == "block2_conv1").Module;
        var oihw = conv.weight.data<float>();
        // Keras (h, w, i, o) = (2, 1, 3, 5) is libtorch [o, i, h, w] = [5, 3, 2, 1].
        Assert.That(oihw[((5 * 4 + 3) * 3 + 2) * 3 + 1], Is.EqualTo(hwio[((2 * 3 + 1) * 4 + 3) * 6 + 5]));
        var norm = (KerasBatchNorm)model.NamedLayers.Single(l => l.Name == "batch_normalization_1").Module;
        var stored = file.Layers.Single(l => l.Name == "batch_normalization_1").Weights;
        Assert.Multiple(() =>
        {
            Assert.That(oihw, Is.EquivalentTo(hwio), "every kernel value lands somewhere");
            Assert.That(norm.gamma.data<float>(), Is.EqualTo(stored[0].Read()));
            Assert.That(norm.beta.data<float>(), Is.EqualTo(stored[1].Read()));
            Assert.That(norm.moving_mean.data<float>(), Is.EqualTo(stored[2].Read()));
            Assert.That(norm.moving_variance.data<float>(), Is.EqualTo(stored[3].Read()));
            Assert.That(conv.bias!.data<float>(), Is.EqualTo(file.Layers.Single(l => l.Name == "block2_conv1").Weights[1].Read()));
        });
    }

    [TestCase("wrong-shape", "layer block2_conv1: block2_conv1/kernel:0 has shape (3, 3, 5, 6), the model's kernel needs (3, 3, 4, 6)")]
    [TestCase("wrong-dtype", "layer batch_normalization: batch_normalization/moving_variance:0 is float64, not float32")]
    [TestCase("missing-layer", "layer block2_conv1 of the model is not in it")]
    [TestCase("extra-layer", "it has weights for layer block3_conv1, which the model does not have")]
    [TestCase("wrong-weight-name", "layer batch_normalization_1: weight 3 is batch_normalization_1/moving_average:0, where the model has its moving_mean")]
    [TestCase("missing-weight", "layer block1_conv1 has 1 weights (block1_conv1/kernel:0), the model's has 2 (kernel, bias)")]
    public void A_mismatching_file_is_refused_at_its_first_mismatch_and_nothing_is_loaded(string variant, string mismatch)
    {
        var path = fixtures.Write("small", $"{variant}.h5", variant);
        using var model = BuildSmall();
        var before = Values(model);
        var refusal = Assert.Throws<InvalidDataException>(() => KerasWeightLoading.Load(model, [path]))!;
        Assert.Multiple(() =>
        {
            Assert.That(refusal.Message, Does.StartWith($"{path} does not match the model: {mismatch}."));
            Assert.That(Values(model), Is.EqualTo(before), "the model keeps its initial values");
        });
    }

    [Test]
    public void A_truncated_file_is_refused_naming_it_and_nothing_is_loaded()
    {
        var whole = File.ReadAllBytes(fixtures.Write("small", "whole.h5"));
        var path = Path.Combine(fixtures.Folder, "truncated.h5");
        File.WriteAllBytes(path, whole[..(whole.Length * 2 / 3)]);
        using var model = BuildSmall();
        var before = Values(model);
        var refusal = Assert.Throws<InvalidDataException>(() => KerasWeightLoading.Load(model, [path]))!;
        Assert.Multiple(() =>
        {
            Assert.That(refusal.Message, Does.StartWith(path));
            Assert.That(refusal.Message, Does.Contain("truncated or damaged: delete it and fetch it again"));
            Assert.That(Values(model), Is.EqualTo(before));
        });
    }

    [Test]
    public void A_file_that_is_not_hdf5_is_refused_naming_it()
    {
        var bytes = File.ReadAllBytes(fixtures.Write("small", "damaged.h5"));
        // The HDF5 signature and the superblock after it: what every reader looks at first.
        for (var i = 0; i < 64; i++) bytes[i] = (byte)(0xA5 ^ i);
        var path = Path.Combine(fixtures.Folder, "damaged.h5");
        File.WriteAllBytes(path, bytes);
        using var model = BuildSmall();
        var refusal = Assert.Throws<InvalidDataException>(() => KerasWeightLoading.Load(model, [path]))!;
        Assert.That(refusal.Message, Does.StartWith($"{path} is not a readable Keras HDF5 weight file"));
    }

    [TestCase("block1_conv1", "block1_conv1_W_1:0", "W")]
    [TestCase("block1_conv1", "block1_conv1_b_1:0", "b")]
    [TestCase("conv1_conv", "conv1_conv/kernel:0", "kernel")]
    [TestCase("conv2_block1_0_bn", "conv2_block1_0_bn/moving_variance:0", "moving_variance")]
    [TestCase("batch_normalization_1", "batch_normalization_1/moving_mean:0", "moving_mean")]
    public void A_weight_name_says_its_role_in_keras_1_and_tf_keras_spelling(string layer, string weight, string role) =>
        Assert.That(KerasWeightLoading.Role(layer, weight), Is.EqualTo(role));

    private static List<float[]> Values(KerasModel model) => model.Network.parameters().Select(p => p.data<float>()).ToList();
}
