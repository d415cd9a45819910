using System.Text.Json.Nodes;
using Repro.Reproduction.Engine;
using static Repro.Torch.torch;

namespace Repro.Reproduction.Tests;

public class EngineFingerprintTests
{
    private static EngineFingerprint Sample() => new("1.13.0", "242f4bb2bfe84183", "libopenblas0-openmp 0.3.21+ds-4 sha256:3c5ecc47b357", "AVX2",
        "AuthenticAMD family 25 model 17 (avx avx2 fma)", "none", 1, "cpu", false, "07d1d231bf60bcce");

    [Test]
    public void The_current_fingerprint_names_the_loaded_blas_the_capability_and_the_threads()
    {
        var engine = EngineFingerprint.Current("cpu");

        Assert.Multiple(() =>
        {
            Assert.That(engine.Libtorch, Is.EqualTo(__version__));
            Assert.That(engine.Blas, Does.Match(@"^\S+ .*sha256:[0-9a-f]{12}$"), "the BLAS file that is mapped into the process, by package and hash");
            Assert.That(engine.CpuCapability, Is.AnyOf("DEFAULT", "AVX2", "AVX512"));
            Assert.That(engine.Threads, Is.EqualTo(get_num_threads()));
            Assert.That(engine.Processor, Does.Contain("family").And.Contain("model"));
            Assert.That(engine.Code, Does.Match("^[0-9a-f]{16}$"));
            Assert.That(EngineFingerprint.Current("cpu"), Is.EqualTo(engine), "the same process has one engine");
        });
    }

    /// <summary>The class a result's folder must name is read back from its engine: `repro import` checks one against the other.</summary>
    [TestCase("cpu")]
    [TestCase("cuda-sm90")]
    public void The_fingerprint_names_the_device_class_it_was_made_for(string deviceClass) =>
        Assert.That(EngineFingerprint.Current(deviceClass).DeviceClass, Is.EqualTo(deviceClass));

    [Test]
    public void Another_thread_count_is_another_engine()
    {
        var before = get_num_threads();
        try
        {
            set_num_threads(1);
            var one = EngineFingerprint.Current("cpu");
            set_num_threads(2);
            var two = EngineFingerprint.Current("cpu");
            Assert.That(two.Id, Is.Not.EqualTo(one.Id));
            Assert.That(one.Differences(two), Is.EqualTo(new[] { "threads: 1 → 2" }));
        }
        finally
        {
            set_num_threads(before);
        }
    }

    [TestCase("blas")]
    [TestCase("cpu_capability")]
    [TestCase("processor")]
    [TestCase("kernel_environment")]
    [TestCase("libtorch_build")]
    [TestCase("device")]
    [TestCase("code")]
    public void Every_field_changes_the_id(string field)
    {
        var json = Sample().ToJson();
        json[field] = "other";
        var changed = EngineFingerprint.FromJson(Rehash(json));

        Assert.That(changed!.Id, Is.Not.EqualTo(Sample().Id));
    }

    [Test]
    public void The_platform_leaves_out_only_Repros_own_code()
    {
        var sample = Sample();
        Assert.Multiple(() =>
        {
            Assert.That((sample with { Code = "ffffffffffffffff" }).PlatformId, Is.EqualTo(sample.PlatformId));
            Assert.That((sample with { Blas = "libblas3 3.11.0-2 sha256:000000000000" }).PlatformId, Is.Not.EqualTo(sample.PlatformId));
            Assert.That((sample with { CpuCapability = "DEFAULT" }).PlatformId, Is.Not.EqualTo(sample.PlatformId));
        });
    }

    [Test]
    public void A_written_fingerprint_reads_back_and_an_edited_one_does_not()
    {
        var json = Sample().ToJson();
        Assert.That(EngineFingerprint.FromJson(JsonNode.Parse(json.ToJsonString())), Is.EqualTo(Sample()));

        json["blas"] = "libblas3 3.11.0-2 sha256:000000000000";
        Assert.That(EngineFingerprint.FromJson(json), Is.Null, "the id no longer matches the fields");
        Assert.That(EngineFingerprint.FromJson(new JsonObject { ["libtorch"] = "1.13.0" }), Is.Null, "incomplete");
    }

    [TestCase("  - CPU capability usage: AVX2\n", "AVX2")]
    [TestCase("  - CPU capability usage: NO AVX\n", "DEFAULT")]
    [TestCase("  - CPU capability usage: AVX512\n", "AVX512")]
    public void The_capability_is_read_from_libtorchs_configuration(string line, string expected)
    {
        var config = "PyTorch built with:\n  - GCC 12.2\n" + line + "  - Build settings: BLAS_INFO=generic\n";
        Assert.That(LibtorchConfig.CpuCapability(config), Is.EqualTo(expected));
    }

    [Test]
    public void A_cuda_libtorch_names_the_cuda_runtime_and_cudnn_it_loaded()
    {
        // As CUDAHooks::showConfig writes them (aten/src/ATen/cuda/detail/CUDAHooks.cpp), between the CPU lines and the build settings.
        const string cuda = "PyTorch built with:\n  - GCC 11.2\n  - CPU capability usage: AVX512\n  - CUDA Runtime 13.0\n  - Built with CUDA Runtime 12.9\n" +
                            "  - NVCC architecture flags: -gencode;arch=compute_90,code=sm_90\n  - CuDNN 9.10.2  (built against CUDA 12.9)\n    - Built with CuDNN 9.8\n" +
                            "  - Build settings: BLAS_INFO=mkl, CUDA_VERSION=12.9\n";
        const string cpu = "PyTorch built with:\n  - GCC 12.2\n  - CPU capability usage: AVX2\n  - Build settings: BLAS_INFO=generic\n";
        Assert.Multiple(() =>
        {
            Assert.That(LibtorchConfig.CudaRuntime(cuda), Is.EqualTo("13.0"), "the runtime loaded, not the one built with");
            Assert.That(LibtorchConfig.CuDnn(cuda), Is.EqualTo("9.10.2  (built against CUDA 12.9)"));
            Assert.That(LibtorchConfig.CpuCapability(cuda), Is.EqualTo("AVX512"));
            Assert.That(LibtorchConfig.CudaRuntime(cpu), Is.Null);
            Assert.That(LibtorchConfig.CuDnn(cpu), Is.Null);
        });
    }

    [Test]
    public void The_build_hash_does_not_depend_on_the_capability_in_effect()
    {
        const string avx2 = "PyTorch built with:\n  - CPU capability usage: AVX2\n  - Build settings: BLAS_INFO=generic\n";
        var other = avx2.Replace("AVX2", "NO AVX", StringComparison.Ordinal);
        var otherBuild = avx2.Replace("generic", "mkl", StringComparison.Ordinal);
        Assert.Multiple(() =>
        {
            Assert.That(LibtorchConfig.BuildHash(other), Is.EqualTo(LibtorchConfig.BuildHash(avx2)));
            Assert.That(LibtorchConfig.BuildHash(otherBuild), Is.Not.EqualTo(LibtorchConfig.BuildHash(avx2)));
        });
    }

    // A fingerprint with changed fields and the id they hash to.
    private static JsonObject Rehash(JsonObject json)
    {
        json.Remove("id");
        var fields = JsonNode.Parse(json.ToJsonString())!.AsObject();
        json["id"] = Runs.CanonicalDefinition.HashOf(fields);
        return json;
    }
}

/// <summary>
/// The BLAS in the fingerprint is the one that serves libtorch's sgemm_, whatever else is mapped: with the
/// reference BLAS put in front by LD_PRELOAD, OpenBLAS's LAPACK still maps libopenblas into the process.
/// Each case runs `repro bench` in a child process, since a process cannot change the BLAS it loaded.
/// </summary>
public class LoadedBlasTests
{
    private const string ReferenceBlas = "/usr/lib/x86_64-linux-gnu/blas/libblas.so.3";

    [Test]
    public void A_preloaded_reference_blas_is_the_one_named()
    {
        if (!File.Exists(ReferenceBlas)) Assert.Ignore($"{ReferenceBlas} (Debian's libblas3) is not installed.");

        Assert.That(BenchHeader(ReferenceBlas), Does.Contain("BLAS libblas3 "));
    }

    [Test]
    public void Without_a_preload_the_blas_is_the_one_the_alternatives_system_chose()
    {
        var chosen = new FileInfo("/usr/lib/x86_64-linux-gnu/libblas.so.3").ResolveLinkTarget(returnFinalTarget: true)?.FullName;
        if (chosen is null) Assert.Ignore("libblas.so.3 is not installed through the alternatives system here.");
        var package = chosen!.Contains("openblas", StringComparison.Ordinal) ? "BLAS libopenblas" : "BLAS libblas3 ";

        Assert.That(BenchHeader(preload: null), Does.Contain(package), $"libblas.so.3 points at {chosen}");
    }

    private static string BenchHeader(string? preload)
    {
        var start = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "repro.dll"), "bench", "--case", "003-lenet5", "--steps", "1", "--warmup", "0", "--no-pytorch" })
            start.ArgumentList.Add(argument);
        if (preload is not null) start.Environment["LD_PRELOAD"] = preload;
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.That(process.ExitCode, Is.Zero, output + process.StandardError.ReadToEnd());
        return output.Split('\n').First(line => line.StartsWith("libtorch ", StringComparison.Ordinal));
    }
}

public class CudaDeviceTests
{
    [Test]
    public void Without_an_NVIDIA_driver_the_gpu_is_not_named_and_nothing_throws()
    {
        if (File.Exists("/usr/lib/x86_64-linux-gnu/libcuda.so.1")) Assert.Ignore("An NVIDIA driver is installed here; the GPU path is checked on the GPU machine.");

        Assert.Multiple(() =>
        {
            Assert.That(Repro.Reproduction.Engine.CudaDevice.Describe(), Is.Null);
            Assert.That(Repro.Reproduction.Engine.EngineFingerprint.Current("cuda-sm90").Device, Is.EqualTo("cuda-sm90 (the CUDA driver does not name the GPU)"));
            Assert.That(Repro.Reproduction.Engine.CudaDevice.MemoryInUse(), Is.Null);
        });
    }
}
