using Repro.Reproduction.Engine;
using Repro.Reproduction.Runs;
using Repro.Torch;
using static Repro.Torch.torch;

namespace Repro.Reproduction.Tests;

/// <summary>--device cpu|cuda|auto on a machine without a GPU (the GPU side needs a GPU to test), and the device classes.</summary>
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
    public void An_unknown_device_is_refused() =>
        Assert.That(Assert.Throws<ArgumentException>(() => ComputeDevice.Resolve("gpu"))!.Message, Does.Contain("use cpu, cuda or auto"));

    [Test]
    public void Prepare_turns_deterministic_settings_on_and_tf32_off()
    {
        ComputeDevice.Resolve("cpu").Prepare(allowTf32: false);
        Assert.That(backends.determinism(), Is.EqualTo(new Determinism(true, false, true, false, false)));
    }

    [TestCase(9, 0, "cuda-sm90")]
    [TestCase(8, 6, "cuda-sm86")]
    [TestCase(8, 0, "cuda-sm80")]
    [TestCase(10, 0, "cuda-sm100")]
    public void A_gpus_class_is_its_compute_capability(int major, int minor, string expected) =>
        Assert.That(ComputeDevice.CudaClass(major, minor), Is.EqualTo(expected));

    [Test]
    public void A_class_names_its_device_without_asking_for_it()
    {
        Assert.Multiple(() =>
        {
            Assert.That(ComputeDevice.OfClass("cpu"), Is.EqualTo(new ComputeDevice(CPU, "cpu")));
            Assert.That(ComputeDevice.OfClass("cuda-sm90"), Is.EqualTo(new ComputeDevice(CUDA, "cuda-sm90")));
            Assert.That(ComputeDevice.OfClass(ComputeDevice.CudaClass(12, 0)).DeviceClass, Is.EqualTo("cuda-sm120"));
        });
    }

    [TestCase("cuda")]
    [TestCase("gpu")]
    [TestCase("cuda-sm9")]
    [TestCase("cuda-h200")]
    public void Text_that_is_not_a_class_is_refused_with_the_classes_named(string text) =>
        Assert.That(Assert.Throws<ArgumentException>(() => ComputeDevice.OfClass(text))!.Message,
            Does.Contain($"'{text}' is not a device class").And.Contain("cuda-sm90"));

    [Test]
    public void Results_are_read_by_device_here_or_by_class_from_anywhere()
    {
        Assume.That(cuda.is_available(), Is.False, "this machine has a GPU");
        Assert.Multiple(() =>
        {
            Assert.That(ComputeDevice.ClassOf("cpu"), Is.EqualTo("cpu"));
            Assert.That(ComputeDevice.ClassOf("auto"), Is.EqualTo("cpu"));
            Assert.That(ComputeDevice.ClassOf("cuda-sm90"), Is.EqualTo("cuda-sm90"), "a GPU's results, gated on a machine without one");
            Assert.Throws<ArgumentException>(() => ComputeDevice.ClassOf("cuda"), "cuda is resolved here, and there is no GPU");
            Assert.That(Assert.Throws<ArgumentException>(() => ComputeDevice.ClassOf("h200"))!.Message, Does.Contain("'h200' is neither a device (cpu, cuda, auto) nor a device class"));
        });
    }

    [Test]
    public void A_shard_manifest_records_a_class_and_one_of_an_older_repro_is_refused()
    {
        var artifacts = Path.Combine(Path.GetTempPath(), "repro-class-tests", Guid.NewGuid().ToString("N"));
        try
        {
            var manifest = new ShardManifest(new Shard(1, 2), RunProfile.Smoke, 1, null, ["003-lenet5"], "cuda-sm90", EngineFingerprint.Current("cuda-sm90"));
            manifest.Write(artifacts);
            var path = ShardManifest.PathOf(artifacts, manifest.Shard);
            Assert.That(ShardManifest.Read(path).DeviceClass, Is.EqualTo("cuda-sm90"));

            File.WriteAllText(path, File.ReadAllText(path).Replace("\"cuda-sm90\"", "\"cuda\"", StringComparison.Ordinal));
            Assert.That(Assert.Throws<InvalidDataException>(() => ShardManifest.Read(path))!.Message,
                Does.Contain("is not a readable shard manifest").And.Contain("'cuda' is not a device class"));
        }
        finally
        {
            if (Directory.Exists(artifacts)) Directory.Delete(artifacts, recursive: true);
        }
    }
}
