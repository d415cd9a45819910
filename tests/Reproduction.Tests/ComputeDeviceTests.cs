using Repro.Reproduction.Runs;
using Repro.Torch;
using static Repro.Torch.torch;

namespace Repro.Reproduction.Tests;

/// <summary>--device cpu|cuda|auto on a machine without a GPU (the GPU side needs a GPU to test).</summary>
public class ComputeDeviceTests
{
    [Test]
    public void Cpu_and_auto_without_a_gpu_train_on_the_cpu_class()
    {
        Assume.That(cuda.is_available(), Is.False, "this machine has a GPU");
        Assert.Multiple(() =>
        {
            Assert.That(ComputeDevice.Resolve("cpu"), Is.EqualTo(new ComputeDevice(CPU, "cpu")));
            Assert.That(ComputeDevice.Resolve("auto"), Is.EqualTo(new ComputeDevice(CPU, "cpu")));
        });
    }

    [Test]
    public void Cuda_without_a_gpu_says_what_to_build_and_where_to_run()
    {
        Assume.That(cuda.is_available(), Is.False, "this machine has a GPU");
        var error = Assert.Throws<ArgumentException>(() => ComputeDevice.Resolve("cuda"));
        Assert.That(error!.Message, Does.Contain("sees no CUDA GPU").And.Contain("--torch-dir").And.Contain("--device cpu"));
    }

    [Test]
    public void A_class_by_name_is_read_without_its_device()
    {
        Assume.That(cuda.is_available(), Is.False, "this machine has a GPU");
        Assert.Multiple(() =>
        {
            Assert.That(ComputeDevice.ClassNamed("cuda-sm90"), Is.EqualTo("cuda-sm90"));
            Assert.That(ComputeDevice.ClassNamed("cpu"), Is.EqualTo("cpu"));
            Assert.That(ComputeDevice.ClassNamed("auto"), Is.EqualTo("cpu"));
            Assert.That(Assert.Throws<ArgumentException>(() => ComputeDevice.ClassNamed("cuda"))!.Message, Does.Contain("sees no CUDA GPU"), "cuda asks for the GPU at hand");
            Assert.That(Assert.Throws<ArgumentException>(() => ComputeDevice.ClassNamed("cuda-h200"))!.Message, Does.Contain("Unknown device 'cuda-h200'"));
        });
    }

    [Test]
    public void An_unknown_device_is_refused() =>
        Assert.That(Assert.Throws<ArgumentException>(() => ComputeDevice.Resolve("gpu"))!.Message, Does.Contain("use cpu, cuda or auto"));

    [Test]
    public void Prepare_turns_deterministic_settings_on_and_tf32_off()
    {
        ComputeDevice.Resolve("cpu").Prepare(allowTf32: false);
        Assert.That(backends.determinism(), Is.EqualTo(new Determinism(true, false, true, false, false)));
    }
}
