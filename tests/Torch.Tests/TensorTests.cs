using Repro.Torch;
using static Repro.Torch.torch;

namespace Repro.Torch.Tests;

public class TensorTests
{
    [Test]
    public void Float_array_round_trips_with_shape_and_type()
    {
        using var t = tensor(new[] { 1f, 2f, 3f, 4f, 5f, 6f }, 2, 3);
        Assert.That(t.shape, Is.EqualTo(new long[] { 2, 3 }));
        Assert.That(t.dtype, Is.EqualTo(ScalarType.Float32));
        Assert.That(t.data<float>(), Is.EqualTo(new[] { 1f, 2f, 3f, 4f, 5f, 6f }));
    }

    [Test]
    public void Byte_and_long_arrays_round_trip()
    {
        using var b = tensor(new byte[] { 0, 128, 255 });
        using var l = tensor(new long[] { -1, long.MaxValue });
        Assert.That(b.data<byte>(), Is.EqualTo(new byte[] { 0, 128, 255 }));
        Assert.That(l.data<long>(), Is.EqualTo(new[] { -1L, long.MaxValue }));
    }

    [Test]
    public void Matmul_and_reductions_give_exact_values()
    {
        using var a = tensor(new[] { 1f, 2f, 3f, 4f }, 2, 2);
        using var b = tensor(new[] { 5f, 6f, 7f, 8f }, 2, 2);
        using var product = a.matmul(b);
        Assert.That(product.data<float>(), Is.EqualTo(new[] { 19f, 22f, 43f, 50f }));
        using var sum = product.sum();
        using var rowMeans = product.mean(1);
        Assert.That(sum.ToDouble(), Is.EqualTo(134));
        Assert.That(rowMeans.data<float>(), Is.EqualTo(new[] { 20.5f, 46.5f }));
    }

    [Test]
    public void Cross_entropy_matches_the_log_softmax_formula()
    {
        float[] logits = [2f, 1f, 0.1f, 0.5f, 2.5f, 0.3f];
        using var input = tensor(logits, 2, 3);
        using var target = tensor(new long[] { 0, 2 });
        using var loss = nn.functional.cross_entropy(input, target);

        double Nll(int row, int label)
        {
            var z = logits.Skip(row * 3).Take(3).Select(v => (double)v).ToArray();
            return -(z[label] - Math.Log(z.Sum(Math.Exp)));
        }
        Assert.That(loss.ToDouble(), Is.EqualTo((Nll(0, 0) + Nll(1, 2)) / 2).Within(1e-6));
    }

    [Test]
    public void Shape_error_surfaces_as_exception_with_libtorch_message()
    {
        using var a = zeros([2, 3]);
        using var b = zeros([2, 3]);
        var error = Assert.Throws<TorchException>(() => a.matmul(b));
        Assert.That(error!.Message, Does.Contain("cannot be multiplied"));
    }

    [Test]
    public void Wrong_dtype_surfaces_as_exception_with_libtorch_message()
    {
        using var a = zeros([4, 2]);
        using var floatIndex = zeros([2]);
        var error = Assert.Throws<TorchException>(() => a.index_select(0, floatIndex));
        Assert.That(error!.Message, Does.Contain("index").IgnoreCase.And.Contain("Long").IgnoreCase.Or.Contain("int64"));
    }

    [Test]
    public void Data_with_the_wrong_element_type_is_refused()
    {
        using var t = zeros([3]);
        Assert.Throws<TorchException>(() => t.data<long>());
    }

    [Test]
    public void Backward_computes_gradient_of_sum_of_squares()
    {
        using var x = tensor(new[] { 1f, -2f, 3f });
        x.requires_grad = true;
        using var y = (x * x).sum();
        y.backward();
        using var g = x.grad!;
        Assert.That(g.data<float>(), Is.EqualTo(new[] { 2f, -4f, 6f }));
    }

    [Test]
    public void No_grad_stops_tracking_and_restores_the_previous_mode()
    {
        using var x = tensor(new[] { 1f });
        x.requires_grad = true;
        using (no_grad())
        {
            using var y = x * 2;
            Assert.That(y.requires_grad, Is.False);
        }
        using var z = x * 2;
        Assert.That(z.requires_grad, Is.True);
    }

    [Test]
    public void Same_seed_gives_same_permutation_and_other_seed_differs()
    {
        using var g1 = new Generator(7);
        using var g2 = new Generator(7);
        using var g3 = new Generator(8);
        using var p1 = randperm(100, g1);
        using var p2 = randperm(100, g2);
        using var p3 = randperm(100, g3);
        Assert.That(p1.data<long>(), Is.EqualTo(p2.data<long>()));
        Assert.That(p1.data<long>(), Is.Not.EqualTo(p3.data<long>()));
        Assert.That(p1.data<long>().Order(), Is.EqualTo(Enumerable.Range(0, 100).Select(i => (long)i)));
    }

    [Test]
    public void Manual_seed_makes_dropout_masks_repeat()
    {
        float[] Mask()
        {
            manual_seed(123);
            using var ones_ = ones([1000]);
            using var dropped = nn.functional.dropout(ones_, 0.4, training: true);
            return dropped.data<float>();
        }
        var first = Mask();
        Assert.That(Mask(), Is.EqualTo(first));
        Assert.That(first.Count(v => v == 0), Is.InRange(330, 470));
        Assert.That(first.Where(v => v != 0), Is.All.EqualTo(1 / 0.6f).Within(1e-6));
    }

    [Test]
    public void Thread_count_is_settable()
    {
        var before = get_num_threads();
        set_num_threads(1);
        Assert.That(get_num_threads(), Is.EqualTo(1));
        set_num_threads(before);
        Assert.That(get_num_threads(), Is.EqualTo(before));
    }

    [Test]
    public void Version_and_build_configuration_are_reported()
    {
        Assert.That(__version__, Does.Match(@"^\d+\.\d+"));
        Assert.That(build_config, Does.Contain("USE_CUDA"));
        Assert.That(parallel_info, Does.Contain("at::get_num_threads"));
    }

    [Test]
    public void Missing_native_library_explains_how_to_build_it()
    {
        var error = Assert.Throws<DllNotFoundException>(() =>
            Interop.NativeLibraryLoader.Load(["/nonexistent/libreprotorch.so"]));
        Assert.That(error!.Message, Does.Contain("./build.sh Native").And.Contain("/nonexistent/libreprotorch.so"));
    }
}
