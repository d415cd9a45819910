using Repro.Torch.Tests.Reference;
using static Repro.Torch.torch;

namespace Repro.Torch.Tests;

public class ReductionAndShapeTests
{
    [Test]
    public void Reductions_over_several_dimensions()
    {
        using var scope = NewDisposeScope();
        // Two channels over a 2×2 map and a batch of 1: channel 0 holds 1..4, channel 1 holds 10 each.
        var x = tensor(new[] { 1f, 2f, 3f, 4f, 10f, 10f, 10f, 10f }, 1, 2, 2, 2);
        Assert.That(x.mean([0, 2, 3]).data<float>(), Is.EqualTo(new[] { 2.5f, 10f }));
        Assert.That(x.sum([0, 2, 3]).data<float>(), Is.EqualTo(new[] { 10f, 40f }));
        Assert.That(x.amax([0, 2, 3]).data<float>(), Is.EqualTo(new[] { 4f, 10f }));
        Assert.That(x.mean([0, 2, 3], keepdim: true).shape, Is.EqualTo(new long[] { 1, 2, 1, 1 }));
    }

    [Test]
    public void Element_wise_helpers()
    {
        using var scope = NewDisposeScope();
        var a = tensor(new[] { -2f, 0f, 3f });
        var b = tensor(new[] { 1f, -1f, 5f });
        Assert.That(a.maximum(b).data<float>(), Is.EqualTo(new[] { 1f, 0f, 5f }));
        Assert.That(a.minimum(b).data<float>(), Is.EqualTo(new[] { -2f, -1f, 3f }));
        Assert.That(a.sign().data<float>(), Is.EqualTo(new[] { -1f, 0f, 1f }));
        Assert.That(a.square().data<float>(), Is.EqualTo(new[] { 4f, 0f, 9f }));
        Assert.That(b.log1p().data<float>()[0], Is.EqualTo((float)Math.Log(2)).Within(1e-7));
    }

    [Test]
    public void One_hot_and_pad()
    {
        using var scope = NewDisposeScope();
        var hot = nn.functional.one_hot(tensor(new long[] { 2, 0 }), 3);
        Assert.That(hot.data<long>(), Is.EqualTo(new long[] { 0, 0, 1, 1, 0, 0 }));
        // (left 0, right 1, top 1, bottom 0) around a 1×1 map: the value lands at row 1, column 0.
        var padded = ones([1, 1, 1, 1]).pad([0, 1, 1, 0]);
        Assert.That(padded.shape, Is.EqualTo(new long[] { 1, 1, 2, 2 }));
        Assert.That(padded.data<float>(), Is.EqualTo(new[] { 0f, 0f, 1f, 0f }));
    }
}
