using System.Runtime.InteropServices;
using Repro.Torch;
using static Repro.Torch.torch;

namespace Repro.Reproduction.Runs;

/// <summary>
/// The device a run trains on (--device cpu|cuda|auto) and the reproducibility settings that go
/// with it: on CUDA, cuDNN deterministic with benchmarking off, deterministic algorithms, TF32 off
/// unless asked for, and CUBLAS_WORKSPACE_CONFIG set before CUDA starts (cuBLAS reads it when it
/// creates its first handle). Every result records them.
/// </summary>
public sealed record ComputeDevice(Device Device, string DeviceClass)
{
    /// <summary>cuBLAS's setting for deterministic results (NVIDIA's cuBLAS docs, "Results reproducibility").</summary>
    public const string CublasWorkspaceConfig = ":4096:8";

    /// <exception cref="ArgumentException">The device is unknown, or CUDA was asked for and is not there; the message says what to do.</exception>
    public static ComputeDevice Resolve(string requested) => requested switch
    {
        "cpu" => new ComputeDevice(CPU, "cpu"),
        "auto" => cuda.is_available() ? Cuda() : new ComputeDevice(CPU, "cpu"),
        "cuda" => cuda.is_available() ? Cuda() : throw new ArgumentException(
            $"--device cuda: this libtorch ({__version__}) sees no CUDA GPU ({cuda.device_count()} device(s)). " +
            "Build the native shim against a CUDA libtorch (./build.sh Native --torch-dir <libtorch>/share/cmake/Torch) and run on a machine with an NVIDIA GPU, or use --device cpu."),
        _ => throw new ArgumentException($"Unknown device '{requested}'; use cpu, cuda or auto (CUDA when present)."),
    };

    /// <summary>
    /// The device class whose results and baselines a reader wants (the gate's REPRO_DEVICE, `repro report --device`):
    /// a class named as such (<see cref="IsClassName"/>), which needs no such device here since only files are read,
    /// else the class of the device <paramref name="requested"/> resolves to on this machine (cuda, auto).
    /// </summary>
    /// <exception cref="ArgumentException">As <see cref="Resolve"/>.</exception>
    public static string ClassNamed(string requested) => IsClassName(requested) ? requested : Resolve(requested).DeviceClass;

    /// <summary>Whether <paramref name="name"/> names a device class by itself: cpu, or a GPU architecture's class such as cuda-sm90.</summary>
    public static bool IsClassName(string name) => name == "cpu" || System.Text.RegularExpressions.Regex.IsMatch(name, "^cuda-sm[0-9]+[a-z0-9-]*$");

    /// <summary>
    /// The device of a class without asking whether it is here: `repro merge` applies the settings of shards that trained
    /// elsewhere, so the results it writes record what they ran with.
    /// </summary>
    public static ComputeDevice OfClass(string deviceClass) => deviceClass == "cpu" ? new ComputeDevice(CPU, "cpu") : Cuda();

    // The GPU's architecture and model would name its baseline class (e.g. cuda-sm90-h100); reading
    // them needs the CUDA runtime, which this build's shim does not link yet, so all GPUs share "cuda".
    private static ComputeDevice Cuda() => new(CUDA, "cuda");

    /// <summary>Applies the reproducibility settings; call before anything touches CUDA.</summary>
    public void Prepare(bool allowTf32)
    {
        if (Device.type == DeviceType.CUDA && Environment.GetEnvironmentVariable("CUBLAS_WORKSPACE_CONFIG") is null)
        {
            // .NET keeps its own copy of the environment on Unix; cuBLAS reads the C library's.
            setenv("CUBLAS_WORKSPACE_CONFIG", CublasWorkspaceConfig, 1);
        }

        backends.configure_determinism(deterministic: true, allow_tf32: allowTf32);
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int setenv(string name, string value, int overwrite);
}
