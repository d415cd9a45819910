using Repro.Torch.Modules;
using Repro.Torch.Tests.Reference;
using static Repro.Torch.torch;

namespace Repro.Torch.Tests;

/// <summary>Buffers, state dictionaries and the argument checks of the new layers (values are covered by the parity fixtures).</summary>
public class BatchNormAndStateTests
{
    private static Sequential SmallNet() => nn.Sequential(
        nn.Conv2d(1, 2, 3, nn.Padding.Same), new BatchNorm2d(2), new ReLU(),
        nn.Flatten(), nn.Linear(2 * 4 * 4, 3), new BatchNorm1d(3));

    [Test]
    public void Buffers_are_named_like_PyTorch_and_live_outside_dispose_scopes()
    {
        Sequential model;
        using (NewDisposeScope()) model = SmallNet();
        Assert.That(model.named_buffers().Select(b => b.name),
            Is.EqualTo(new[] { "1.running_mean", "1.running_var", "5.running_mean", "5.running_var" }));
        Assert.That(model.buffers().Select(b => b.IsDisposed), Is.All.False);
        Assert.That(model.buffers().Select(b => b.requires_grad), Is.All.False);
        var buffers = model.buffers().ToList();
        model.Dispose();
        Assert.That(buffers.Select(b => b.IsDisposed), Is.All.True);
    }

    [Test]
    public void State_dict_round_trips_through_load_state_dict_in_PyTorch_order()
    {
        using var source = SmallNet();
        using var target = SmallNet();
        using (NewDisposeScope()) source.call(ones([4, 1, 4, 4])); // a training step moves the running statistics
        var state = source.state_dict();
        Assert.That(state.Keys.Take(6), Is.EqualTo(new[] { "0.weight", "0.bias", "1.weight", "1.bias", "1.running_mean", "1.running_var" }));
        target.load_state_dict(state);
        var loaded = target.state_dict();
        foreach (var (name, values) in state) Assert.That(loaded[name], Is.EqualTo(values), name);
    }

    [Test]
    public void Load_state_dict_names_the_tensor_whose_size_is_wrong_and_changes_nothing()
    {
        using var model = SmallNet();
        var state = model.state_dict();
        var before = state["0.weight"];
        state["0.weight"] = new float[before.Length];
        state["4.bias"] = new float[7];
        var error = Assert.Throws<ArgumentException>(() => model.load_state_dict(state));
        Assert.That(error!.Message, Does.Contain("'4.bias'").And.Contain("[3]"));
        Assert.That(model.state_dict()["0.weight"], Is.EqualTo(before));
    }

    [Test]
    public void Load_state_dict_reports_missing_and_unexpected_keys_unless_not_strict()
    {
        using var model = nn.Linear(2, 1);
        var state = new Dictionary<string, float[]> { ["weight"] = [1f, 2f], ["extra"] = [0f] };
        var error = Assert.Throws<ArgumentException>(() => model.load_state_dict(state));
        Assert.That(error!.Message, Does.Contain("missing keys [bias]").And.Contain("unexpected keys [extra]"));
        model.load_state_dict(state, strict: false);
        Assert.That(model.weight.data<float>(), Is.EqualTo(new[] { 1f, 2f }));
    }

    [Test]
    public void Load_state_dict_from_tensors_checks_shapes()
    {
        using var model = nn.Linear(2, 2, hasBias: false);
        using var scope = NewDisposeScope();
        var error = Assert.Throws<ArgumentException>(() =>
            model.load_state_dict(new Dictionary<string, Tensor> { ["weight"] = zeros([4, 1]) }));
        Assert.That(error!.Message, Does.Contain("[2, 2]").And.Contain("[4, 1]"));
        model.load_state_dict(new Dictionary<string, Tensor> { ["weight"] = ones([2, 2]) });
        Assert.That(model.weight.data<float>(), Is.All.EqualTo(1f));
    }

    [Test]
    public void BatchNorm_checks_input_dimensions_and_values_per_channel()
    {
        using var bn2 = new BatchNorm2d(3);
        using var bn1 = new BatchNorm1d(3);
        using var scope = NewDisposeScope();
        Assert.That(Assert.Throws<ArgumentException>(() => bn2.call(zeros([2, 3])))!.Message, Does.Contain("expected 4D input (got 2D input)"));
        Assert.That(Assert.Throws<ArgumentException>(() => bn1.call(zeros([2, 3, 1, 1])))!.Message, Does.Contain("expected 2D or 3D input"));
        Assert.That(Assert.Throws<ArgumentException>(() => bn1.call(zeros([1, 3])))!.Message, Does.Contain("more than 1 value per channel"));
        bn1.eval();
        Assert.That(bn1.call(zeros([1, 3])).shape, Is.EqualTo(new long[] { 1, 3 }));
    }

    [Test]
    public void Same_padding_keeps_the_size_and_refuses_strides()
    {
        using var conv = nn.Conv2d(1, 2, 4, nn.Padding.Same);
        using var scope = NewDisposeScope();
        Assert.That(conv.call(zeros([1, 1, 5, 7])).shape, Is.EqualTo(new long[] { 1, 2, 5, 7 }));
        Assert.Throws<ArgumentException>(() => nn.Conv2d(1, 2, 3, nn.Padding.Same, stride: 2));
        Assert.That(nn.functional.conv2d(zeros([1, 1, 5, 5]), zeros([1, 1, 3, 3]), null, nn.Padding.Valid, stride: 2).shape,
            Is.EqualTo(new long[] { 1, 1, 2, 2 }));
    }

    [Test]
    public void Kl_div_refuses_an_unknown_reduction()
    {
        using var scope = NewDisposeScope();
        Assert.Throws<ArgumentException>(() => PyTorchLosses.kl_div(zeros([2, 2]), zeros([2, 2]), "average"));
    }

    [Test]
    public void Nesterov_without_momentum_is_refused_as_in_PyTorch()
    {
        using var p = new nn.Parameter(zeros([1]));
        Assert.Throws<ArgumentException>(() => new SGD([p], 0.1, nesterov: true));
    }
}
