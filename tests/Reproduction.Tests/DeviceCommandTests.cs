using System.Text.Json.Nodes;
using Repro.Reproduction.Engine;
using static Repro.Torch.torch;

namespace Repro.Reproduction.Tests;

/// <summary>`repro device` on a machine without a GPU, and the GPU commands asked for a GPU there.</summary>
public class DeviceCommandTests
{
    private readonly ScratchFolder scratch = new("repro-device-tests-");

    [OneTimeTearDown]
    public void RemoveScratch() => scratch.Dispose();

    [Test]
    public void On_a_cpu_the_facts_are_the_cpu_class_and_the_engine()
    {
        Assume.That(cuda.is_available(), Is.False, "this machine has a GPU");
        var repro = scratch.Repro("facts");
        var (code, text) = repro.Run(["device"]);
        var (jsonCode, json) = repro.Run(["device", "--json"]);
        var facts = JsonNode.Parse(json)!.AsObject();
        var engine = EngineFingerprint.FromJson(facts["engine"]);
        var here = EngineFingerprint.Current("cpu");

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Zero, text);
            Assert.That(text, Does.StartWith("device class: cpu\n"));
            Assert.That(text, Does.Not.Contain("gpu:").And.Not.Contain("driver:").And.Not.Contain("cuDNN:"), "no GPU facts without a GPU");
            Assert.That(text, Does.Contain($"libtorch: {__version__} (build {here.LibtorchBuild})"));
            Assert.That(text, Does.Contain($"kernels {here.CpuCapability}, BLAS {here.Blas}"));
            Assert.That(text, Does.Contain("determinism: cuDNN deterministic on, cuDNN benchmark off, deterministic algorithms on, TF32 cuBLAS off, TF32 cuDNN off"));

            Assert.That(jsonCode, Is.Zero, json);
            Assert.That((string?)facts["device_class"], Is.EqualTo("cpu"));
            Assert.That(facts["gpu"], Is.Null);
            Assert.That(facts["cuda_runtime"], Is.Null);
            Assert.That((string?)facts["libtorch"], Is.EqualTo(__version__));
            Assert.That((bool?)facts["determinism"]!["deterministic_algorithms"], Is.True);
            Assert.That((bool?)facts["determinism"]!["tf32_cublas"], Is.False);
            Assert.That(engine, Is.Not.Null, "the engine fingerprint reads back with its id");
            Assert.That(engine! with { Threads = here.Threads, Code = here.Code }, Is.EqualTo(here), "this machine's engine");
            Assert.That(text, Does.Contain($"engine: {engine.Id}"));
        });
    }

    [TestCase("device", "--device", "cuda")]
    [TestCase("bench", "--device", "cuda", "--no-pytorch")]
    [TestCase("parity", "--device", "cuda")]
    public void Asked_for_a_gpu_without_one_a_command_says_so(params string[] arguments)
    {
        Assume.That(cuda.is_available(), Is.False, "this machine has a GPU");
        var (code, output) = scratch.Repro(arguments[0]).Run(arguments);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(1), output);
            Assert.That(output, Does.StartWith("error: --device cuda: this libtorch").And.Contain("sees no CUDA GPU").And.Contain("or use --device cpu"));
            Assert.That(output, Does.Not.Contain("   at "), "no stack trace");
        });
    }

    [Test]
    public void A_bench_whose_pytorch_side_fails_fails()
    {
        var missing = Path.Combine(scratch.Path, "no-python-here");
        var (code, output) = scratch.Repro("bench-without-python").Run(["bench", "--case", "003-lenet5", "--steps", "2", "--warmup", "0", "--python", missing]);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(1), output);
            Assert.That(output, Does.Contain($"003-lenet5: {missing} not found"));
            Assert.That(output, Does.Contain("error: 1 case(s) have no PyTorch side (above)").And.Contain("--no-pytorch"));
            Assert.That(output, Does.Not.Contain("   at "), "no stack trace");
        });
    }
}
