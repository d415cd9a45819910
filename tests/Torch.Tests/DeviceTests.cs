using Repro.Torch;
using static Repro.Torch.torch;

namespace Repro.Torch.Tests;

/// <summary>Device placement and the reproducibility switches, as far as a CPU libtorch can show them.</summary>
public class DeviceTests
{
    [Test]
    public void Devices_parse_like_torch_device()
    {
        Assert.Multiple(() =>
        {
            Assert.That(device("cpu"), Is.EqualTo(CPU));
            Assert.That(device("cuda:1"), Is.EqualTo(new Device(DeviceType.CUDA, 1)));
            Assert.That(device("cuda:1").ToString(), Is.EqualTo("cuda:1"));
            Assert.Throws<ArgumentException>(() => device("tpu"));
            Assert.Throws<ArgumentException>(() => device("cuda:x"));
        });
    }

    [Test]
    public void A_cpu_tensor_moved_to_the_cpu_keeps_its_values_and_reports_its_device()
    {
        using var x = tensor(new float[] { 1, 2, 3 }, 3);
        using var moved = x.to(CPU);
        Assert.Multiple(() =>
        {
            Assert.That(x.device.type, Is.EqualTo(DeviceType.CPU));
            Assert.That(moved.data<float>(), Is.EqualTo(new float[] { 1, 2, 3 }));
        });
    }

    [Test]
    public void Moving_to_cuda_without_a_gpu_fails_with_libtorchs_message()
    {
        Assume.That(cuda.is_available(), Is.False, "this machine has a GPU");
        using var x = zeros([2]);
        var error = Assert.Throws<TorchException>(() => x.to(CUDA).Dispose());
        Assert.That(error!.Message, Does.Contain("CUDA").IgnoreCase);
    }

    [Test]
    public void Module_to_keeps_the_same_parameter_objects_and_values()
    {
        using var linear = nn.Linear(3, 2);
        var before = linear.parameters().ToList();
        var values = before.Select(p => p.data<float>()).ToList();
        linear.to(CPU);
        var after = linear.parameters().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(after.Zip(before).All(pair => ReferenceEquals(pair.First, pair.Second)), Is.True, "the same parameter objects");
            Assert.That(after.Select(p => p.data<float>()), Is.EqualTo(values));
            Assert.That(after.All(p => p.requires_grad), Is.True);
        });
    }

    [Test]
    public void Zeros_like_and_ones_like_follow_shape_and_dtype()
    {
        using var x = tensor(new double[] { 1, 2, 3, 4 }, 2, 2);
        using var z = zeros_like(x);
        using var o = ones_like(x);
        Assert.Multiple(() =>
        {
            Assert.That(z.shape, Is.EqualTo(new long[] { 2, 2 }));
            Assert.That(z.dtype, Is.EqualTo(ScalarType.Float64));
            Assert.That(z.data<double>(), Is.All.EqualTo(0));
            Assert.That(o.data<double>(), Is.All.EqualTo(1));
        });
    }

    [Test]
    public void Determinism_switches_are_set_and_read_back()
    {
        var original = backends.determinism();
        try
        {
            backends.configure_determinism(deterministic: true, allow_tf32: false);
            Assert.That(backends.determinism(), Is.EqualTo(new Determinism(true, false, true, false, false)));
            backends.configure_determinism(deterministic: false, allow_tf32: true);
            Assert.That(backends.determinism(), Is.EqualTo(new Determinism(false, true, false, true, true)));
        }
        finally
        {
            backends.configure_determinism(original.DeterministicAlgorithms, original.AllowTf32CuBlas);
        }
    }
}
