using System.Diagnostics;
using System.Text.Json;

namespace Repro.Reproduction.Tests.Weights;

/// <summary>
/// Keras-layout weight files and PyTorch's forward passes on them, made by keras_weight_files.py with Debian's
/// /usr/bin/python3 (python3-h5py, python3-torch) in a fresh folder: the notop-sized files are too large to commit.
/// </summary>
internal sealed class KerasWeightFixtures : IDisposable
{
    private const string Python = "/usr/bin/python3";

    public KerasWeightFixtures() => Folder = Directory.CreateTempSubdirectory("repro-keras-weights-").FullName;

    public string Folder { get; }

    private static string Script => Path.Combine(RepositoryPaths.Root, "tests", "Reproduction.Tests", "Weights", "keras_weight_files.py");

    /// <summary>Writes the small model (with a variant that breaks it), or the vgg16 / resnet50 notop layout, under <paramref name="fileName"/>.</summary>
    public string Write(string model, string fileName, string variant = "none")
    {
        var path = Path.Combine(Folder, fileName);
        Run(model, path, "--variant", variant);
        return path;
    }

    /// <summary>PyTorch's steps through the network the file fills (see the script's forward).</summary>
    public IReadOnlyList<ParityStep> Forward(string model, string weightFile)
    {
        var folder = Path.Combine(Folder, Path.GetFileNameWithoutExtension(weightFile) + ".forward");
        Run("forward", model, weightFile, folder);
        using var index = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "steps.json")));
        return index.RootElement.EnumerateArray().Select((step, i) => new ParityStep(
            step.GetProperty("name").GetString()!,
            step.GetProperty("roundings").GetInt64(),
            Shape(step.GetProperty("input")),
            Floats(Path.Combine(folder, $"{i:000}.input")),
            Shape(step.GetProperty("output")),
            Floats(Path.Combine(folder, $"{i:000}.output")),
            Doubles(Path.Combine(folder, $"{i:000}.magnitude")))).ToList();
    }

    private static long[] Shape(JsonElement shape) => shape.EnumerateArray().Select(d => d.GetInt64()).ToArray();

    private static float[] Floats(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var values = new float[bytes.Length / 4];
        Buffer.BlockCopy(bytes, 0, values, 0, bytes.Length);
        return values;
    }

    private static double[] Doubles(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var values = new double[bytes.Length / 8];
        Buffer.BlockCopy(bytes, 0, values, 0, bytes.Length);
        return values;
    }

    private static void Run(params string[] arguments)
    {
        if (!File.Exists(Python))
            Assert.Fail($"{Python} is missing: install Debian's python3-h5py and python3-torch (build/prerequisites.sh does).");
        var start = new ProcessStartInfo(Python) { RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add(Script);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3))) process.Kill();
        Assert.That(process.ExitCode, Is.Zero, $"{Script} {string.Join(" ", arguments)} failed: {error.Result}");
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder must not fail a test that passed.
        }
    }
}

/// <summary>One step of PyTorch's forward pass: its input, output and each output element's magnitude bound.</summary>
internal sealed record ParityStep(string Name, long Roundings, long[] InputShape, float[] Input, long[] OutputShape, float[] Output, double[] Magnitude);
