using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using Repro.Reproduction.Engine;
using Repro.Torch;
using static Repro.Torch.torch;

namespace Repro.Reproduction.Runs;

/// <summary>
/// The device a run trains on (--device cpu|cuda|auto), its device class, and the reproducibility
/// settings that go with it: on CUDA, cuDNN deterministic with benchmarking off, deterministic
/// algorithms, TF32 off unless asked for, and CUBLAS_WORKSPACE_CONFIG set before CUDA starts (cuBLAS
/// reads it when it creates its first handle). Every result records them.
/// </summary>
/// <remarks>
/// The device class names the folders results and baselines are kept in: "cpu", or "cuda-sm&lt;major&gt;&lt;minor&gt;"
/// (the GPU's compute capability: "cuda-sm90" for an H100 or H200). One architecture runs one family of
/// kernels (the same instruction set, the same cuDNN and cuBLAS kernel choices up to the card's size), so its
/// GPUs compute the same quantities and share baselines; another architecture is another class, never compared.
/// The model is left out of the class: it is in the engine fingerprint ("cuda-sm90 NVIDIA H200 sm_90"), so a
/// baseline is gated exactly on the GPU model that made it and statistically (or within float32 rounding) on
/// another of its class, as a CPU baseline is on another processor.
/// </remarks>
public sealed partial record ComputeDevice(Device Device, string DeviceClass)
{
    /// <summary>cuBLAS's setting for deterministic results (NVIDIA's cuBLAS docs, "Results reproducibility").</summary>
    public const string CublasWorkspaceConfig = ":4096:8";

    public const string CpuClass = "cpu";

    private static readonly ComputeDevice Cpu = new(CPU, CpuClass);

    /// <exception cref="ArgumentException">The device is unknown, or CUDA was asked for and is not there; the message says what to do.</exception>
    public static ComputeDevice Resolve(string requested) => requested switch
    {
        "cpu" => Cpu,
        "auto" => cuda.is_available() ? Cuda() : Cpu,
        "cuda" => cuda.is_available() ? Cuda() : throw new ArgumentException(
            $"--device cuda: this libtorch ({__version__}) sees no CUDA GPU ({cuda.device_count()} device(s)). " +
            "Build the native shim against a CUDA libtorch (./build.sh Native --torch-dir <libtorch>/share/cmake/Torch) and run on a machine with an NVIDIA GPU, or use --device cpu."),
        _ => throw new ArgumentException($"Unknown device '{requested}'; use cpu, cuda or auto (CUDA when present)."),
    };

    /// <summary>The class of GPUs of compute capability <paramref name="major"/>.<paramref name="minor"/>: "cuda-sm90" for 9.0.</summary>
    public static string CudaClass(int major, int minor) => $"cuda-sm{major}{minor}";

    /// <summary>
    /// The device of a class without asking whether it is here: `repro merge` applies the settings of shards that trained
    /// elsewhere, so the results it writes record what they ran with.
    /// </summary>
    /// <exception cref="ArgumentException">The text is not a device class.</exception>
    public static ComputeDevice OfClass(string deviceClass) =>
        deviceClass == CpuClass ? Cpu
        : CudaClassPattern().IsMatch(deviceClass) ? new ComputeDevice(CUDA, deviceClass)
        : throw new ArgumentException($"'{deviceClass}' is not a device class; the classes are {Classes}.");

    /// <summary>
    /// The class of results to read: a device (cpu, cuda, auto) resolved on this machine, or a class given by name
    /// (cuda-sm90), so the results of a GPU can be gated and reported on a machine without one.
    /// </summary>
    /// <exception cref="ArgumentException">Neither a device nor a class.</exception>
    public static string ClassOf(string deviceOrClass) =>
        deviceOrClass is "cuda" or "auto" ? Resolve(deviceOrClass).DeviceClass
        : IsClass(deviceOrClass) ? deviceOrClass
        : throw new ArgumentException($"'{deviceOrClass}' is neither a device (cpu, cuda, auto) nor a device class ({Classes}).");

    /// <summary>Whether <paramref name="name"/> is a device class: cpu, or a GPU architecture's such as cuda-sm90.</summary>
    public static bool IsClass(string name) => name == CpuClass || CudaClassPattern().IsMatch(name);

    private const string Classes = "cpu and cuda-sm<major><minor> (the GPU's compute capability, e.g. cuda-sm90)";

    private static ComputeDevice Cuda() => CudaDevice.Read() is { } gpu
        ? new ComputeDevice(CUDA, CudaClass(gpu.Major, gpu.Minor))
        : throw new ArgumentException(
            "--device cuda: libtorch sees a GPU, but the CUDA driver (libcuda.so.1) does not report its compute capability, which names the results' device class. " +
            "Check the NVIDIA driver installation (nvidia-smi), or use --device cpu.");

    /// <summary>Applies the reproducibility settings; call before anything touches CUDA.</summary>
    public void Prepare(bool allowTf32)
    {
        if (Device.type == DeviceType.CUDA && Environment.GetEnvironmentVariable("CUBLAS_WORKSPACE_CONFIG") is null)
        {
            // .NET keeps its own copy of the environment on Unix; cuBLAS reads the C library's. Both are set, so
            // what .NET reports (the device facts, a result's manifest) is what cuBLAS reads.
            setenv("CUBLAS_WORKSPACE_CONFIG", CublasWorkspaceConfig, 1);
            Environment.SetEnvironmentVariable("CUBLAS_WORKSPACE_CONFIG", CublasWorkspaceConfig);
        }

        backends.configure_determinism(deterministic: true, allow_tf32: allowTf32);
    }

    [GeneratedRegex("^cuda-sm[0-9]{2,3}$")]
    private static partial Regex CudaClassPattern();

    [DllImport("libc", SetLastError = true)]
    private static extern int setenv(string name, string value, int overwrite);
}
