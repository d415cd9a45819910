using System.Text.Json;

namespace Repro.Data.Tests.Splits;

/// <summary>
/// Reads golden/numpy_sklearn.json, written by generate_golden.py from Debian's NumPy and
/// scikit-learn. The file is found in the source tree (walking up from the test's bin folder to
/// Repro.sln) rather than copied to the output, so regenerating it needs no project change.
/// </summary>
internal static class GoldenVectors
{
    private static readonly Lazy<JsonDocument> Document = new(Load);

    public static string FilePath
    {
        get
        {
            for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Repro.sln")))
                {
                    return Path.Combine(dir.FullName, "tests", "Data.Tests", "Splits", "golden", "numpy_sklearn.json");
                }
            }

            throw new InvalidOperationException(
                $"No folder above '{TestContext.CurrentContext.TestDirectory}' contains Repro.sln.");
        }
    }

    /// <summary>The cases of one section: random_state, permutation, train_test_split or kfold.</summary>
    public static IEnumerable<JsonElement> Section(string name) =>
        Document.Value.RootElement.GetProperty(name).EnumerateArray();

    /// <summary>The single case of <paramref name="section"/> whose listed properties equal the given values.</summary>
    public static JsonElement Find(string section, params (string Property, long? Value)[] key)
    {
        var matches = Section(section).Where(c => key.All(k => ValueOf(c, k.Property) == k.Value)).ToList();
        Assert.That(matches, Has.Count.EqualTo(1), $"golden {section} case {string.Join(", ", key)}");
        return matches[0];
    }

    public static long? ValueOf(JsonElement element, string property)
    {
        var value = element.GetProperty(property);
        return value.ValueKind == JsonValueKind.Null ? null : value.GetInt64();
    }

    private static JsonDocument Load()
    {
        var path = FilePath;
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                "Golden vectors missing; run /usr/bin/python3 tests/Data.Tests/Splits/generate_golden.py", path);
        }

        return JsonDocument.Parse(File.ReadAllText(path));
    }
}
