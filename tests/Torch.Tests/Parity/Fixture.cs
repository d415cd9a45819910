using System.Text.Json;
using static Repro.Torch.torch;

namespace Repro.Torch.Tests.Parity;

/// <summary>
/// One JSON fixture written by generate_fixtures.py with PyTorch 1.13 (the libtorch the binding links):
/// a kind, a config and named tensors (shape, dtype, row-major values).
/// </summary>
internal sealed class Fixture
{
    private readonly Dictionary<string, (long[] Shape, string DType, double[] Data)> tensors = [];

    private Fixture(string name, JsonElement root)
    {
        Name = name;
        Kind = root.GetProperty("kind").GetString()!;
        Config = root.GetProperty("config").Clone();
        foreach (var entry in root.GetProperty("tensors").EnumerateObject())
        {
            var shape = entry.Value.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()).ToArray();
            var data = entry.Value.GetProperty("data").EnumerateArray().Select(e => e.GetDouble()).ToArray();
            tensors[entry.Name] = (shape, entry.Value.GetProperty("dtype").GetString()!, data);
        }
    }

    public string Name { get; }
    public string Kind { get; }
    public JsonElement Config { get; }

    /// <summary>tests/Torch.Tests/Parity/fixtures, found by walking up from the test binaries to the folder holding Repro.sln.</summary>
    public static string Folder { get; } = Locate();

    public static Fixture Load(string name)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, name + ".json")));
        return new Fixture(name, document.RootElement);
    }

    /// <summary>Fixture names (file names without .json) of one kind; the test-case sources of the parity tests.</summary>
    public static IEnumerable<string> Named(params string[] kinds) =>
        All().Where(f => kinds.Contains(f.Kind)).Select(f => f.Name);

    public static IEnumerable<Fixture> All() =>
        Directory.EnumerateFiles(Folder, "*.json").Order(StringComparer.Ordinal).Select(p => Load(Path.GetFileNameWithoutExtension(p)));

    public bool Has(string name) => tensors.ContainsKey(name);

    public IEnumerable<string> Names(string prefix) => tensors.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal));

    public long[] Shape(string name) => tensors[name].Shape;

    public float[] Floats(string name) => tensors[name].Data.Select(v => (float)v).ToArray();

    /// <summary>A new tensor (in the current dispose scope) with the fixture's shape, dtype and values.</summary>
    public Tensor Tensor(string name)
    {
        var (shape, dtype, data) = tensors[name];
        // torch.tensor treats an empty shape as "one dimension of the array's length"; reshape restores 0-d.
        var flat = dtype == "int64" ? tensor(data.Select(v => (long)v).ToArray()) : tensor(data.Select(v => (float)v).ToArray());
        return flat.reshape(shape);
    }

    /// <summary>The tensors under "prefix." as a state dictionary keyed without the prefix.</summary>
    public Dictionary<string, float[]> State(string prefix) =>
        Names(prefix + ".").ToDictionary(k => k[(prefix.Length + 1)..], Floats);

    public double Double(string key, double fallback) =>
        Config.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : fallback;

    public long Long(string key) => Config.GetProperty(key).GetInt64();

    public bool Bool(string key, bool fallback = false) =>
        Config.TryGetProperty(key, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean() : fallback;

    public string String(string key) => Config.GetProperty(key).GetString()!;

    public override string ToString() => Name;

    private static string Locate()
    {
        string start;
        try
        {
            start = TestContext.CurrentContext.TestDirectory;
        }
        catch (InvalidOperationException)
        {
            start = AppContext.BaseDirectory; // test-case sources can run before a test context exists
        }
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Repro.sln")))
                return Path.Combine(dir.FullName, "tests", "Torch.Tests", "Parity", "fixtures");
        throw new DirectoryNotFoundException($"no folder above {start} holds Repro.sln, so the parity fixtures cannot be found");
    }
}
