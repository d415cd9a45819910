using Repro.Reproduction.Gate;

namespace Repro.Regression;

[TestFixture]
public sealed class GateBaselineTests
{
    // The example of the baseline format, byte for byte as CanonicalJson writes it.
    internal const string Example =
        "{\n" +
        "  \"bands\": \"tolerance = 3 x std of 5 seeds (42..46) on a 2-core x86-64 CPU, libtorch 1.13.1, rounded up to 0.005\",\n" +
        "  \"definition_hash\": \"0123456789abcdef\",\n" +
        "  \"device\": \"cpu\",\n" +
        "  \"experiment\": \"003-lenet5\",\n" +
        "  \"metrics\": {\n" +
        "    \"test_accuracy\": {\n" +
        "      \"tolerance\": 0.01,\n" +
        "      \"value\": 0.8845\n" +
        "    },\n" +
        "    \"test_loss\": {\n" +
        "      \"tolerance\": 0.02,\n" +
        "      \"value\": 0.3201\n" +
        "    }\n" +
        "  },\n" +
        "  \"profile\": \"full\",\n" +
        "  \"version\": 1\n" +
        "}\n";

    [Test]
    public void A_valid_file_loads_and_saves_back_byte_for_byte()
    {
        using var temp = new GateTempDirectory();
        var path = temp.Write("003-lenet5.verified.json", Example);

        var baseline = Baseline.Load(path);
        var copy = temp.Combine("copy", "003-lenet5.verified.json");
        baseline.Save(copy);

        Assert.Multiple(() =>
        {
            Assert.That(baseline.Experiment, Is.EqualTo("003-lenet5"));
            Assert.That(baseline.Profile, Is.EqualTo("full"));
            Assert.That(baseline.Device, Is.EqualTo("cpu"));
            Assert.That(baseline.Bands, Does.StartWith("tolerance = 3 x std"));
            Assert.That(baseline.Metrics["test_accuracy"], Is.EqualTo(new MetricBand(0.8845, 0.01)));
            Assert.That(baseline.Metrics["test_loss"], Is.EqualTo(new MetricBand(0.3201, 0.02)));
            Assert.That(File.ReadAllText(copy), Is.EqualTo(Example));
        });
    }

    [Test]
    public void A_missing_file_says_how_to_create_it()
    {
        using var temp = new GateTempDirectory();
        var path = temp.Combine("003-lenet5.verified.json");

        var error = Assert.Throws<BaselineException>(() => Baseline.Load(path));

        Assert.That(error!.Message, Does.Contain(path).And.Contain("does not exist")
            .And.Contain("./build.sh Reproduce --experiment 003-lenet5").And.Contain("./build.sh Accept"));
    }

    private static IEnumerable<TestCaseData> MalformedCases()
    {
        static TestCaseData Case(string name, string json, string problem) => new TestCaseData(json, problem).SetName($"Malformed baseline: {name}");

        yield return Case("invalid JSON", "{ \"experiment\": ", "not valid JSON at line ");
        yield return Case("trailing comma", Example.Replace("\"version\": 1\n", "\"version\": 1,\n"), "not valid JSON at line ");
        yield return Case("missing version", Example.Replace(",\n  \"version\": 1\n", "\n"), "missing key \"version\"");
        yield return Case("version is not a positive integer", Example.Replace("\"version\": 1", "\"version\": 0"), "\"version\" must be a positive integer");
        yield return Case("missing definition hash", Without("  \"definition_hash\": \"0123456789abcdef\",\n"), "missing key \"definition_hash\"");
        yield return Case("top level is an array", "[1, 2]", "the top level must be an object, found an array");
        yield return Case("missing experiment", Without("  \"experiment\": \"003-lenet5\",\n"), "missing key \"experiment\"");
        yield return Case("missing bands", Without("  \"bands\": \"tolerance = 3 x std of 5 seeds (42..46) on a 2-core x86-64 CPU, libtorch 1.13.1, rounded up to 0.005\",\n"), "missing key \"bands\"");
        yield return Case("empty device", Example.Replace("\"cpu\"", "\"\""), "\"device\" must be a non-empty string");
        yield return Case("numeric profile", Example.Replace("\"full\"", "3"), "\"profile\" must be a non-empty string, found the number 3");
        yield return Case("unknown top-level key", Example.Replace("  \"profile\"", "  \"seed\": 42,\n  \"profile\""), "unknown top-level key 'seed'");
        yield return Case("duplicate key", Example.Replace("  \"profile\"", "  \"device\": \"cuda\",\n  \"profile\""), "key 'device' appears twice");
        yield return Case("missing metrics", "{\"bands\": \"b\", \"definition_hash\": \"h\", \"device\": \"cpu\", \"experiment\": \"003-lenet5\", \"profile\": \"full\", \"version\": 1}", "missing key \"metrics\"");
        yield return Case("metrics is an array", "{\"bands\": \"b\", \"definition_hash\": \"h\", \"device\": \"cpu\", \"experiment\": \"003-lenet5\", \"metrics\": [], \"profile\": \"full\", \"version\": 1}", "\"metrics\" must be an object of metrics, found an array");
        yield return Case("metrics is empty", "{\"bands\": \"b\", \"definition_hash\": \"h\", \"device\": \"cpu\", \"experiment\": \"003-lenet5\", \"metrics\": {}, \"profile\": \"full\", \"version\": 1}", "\"metrics\" is empty");
        yield return Case("metric is a bare number", Example.Replace("{\n      \"tolerance\": 0.01,\n      \"value\": 0.8845\n    }", "0.8845"), "metric 'test_accuracy' must be an object");
        yield return Case("value is a string", Example.Replace("0.8845", "\"0.8845\""), "metric 'test_accuracy' \"value\" must be a number, found the string \"0.8845\"");
        yield return Case("value is null", Example.Replace("0.8845", "null"), "metric 'test_accuracy' \"value\" must be a number, found null");
        yield return Case("value overflows", Example.Replace("0.8845", "1e400"), "metric 'test_accuracy' \"value\" (1e400) is not a finite double");
        yield return Case("missing tolerance", Example.Replace("\"tolerance\": 0.02,\n", string.Empty), "metric 'test_loss' is missing \"tolerance\"");
        yield return Case("missing value", Example.Replace(",\n      \"value\": 0.3201", string.Empty), "metric 'test_loss' is missing \"value\"");
        yield return Case("negative tolerance", Example.Replace("0.02", "-0.02"), "metric 'test_loss' has a negative tolerance (-0.02)");
        yield return Case("misspelt metric key", Example.Replace("\"tolerance\": 0.02", "\"tolerence\": 0.02"), "metric 'test_loss' has an unknown key 'tolerence'");
        yield return Case("extra metric key", Example.Replace("\"value\": 0.3201", "\"value\": 0.3201,\n      \"seed\": 42"), "metric 'test_loss' has an unknown key 'seed'");
        yield return Case("experiment differs from file name", Example.Replace("\"003-lenet5\"", "\"004-vgg\""), "\"experiment\" is '004-vgg' but the file name says '003-lenet5'");

        static string Without(string line) => Example.Replace(line, string.Empty);
    }

    [TestCaseSource(nameof(MalformedCases))]
    public void A_malformed_file_names_the_file_and_the_problem(string json, string problem)
    {
        using var temp = new GateTempDirectory();
        var path = temp.Write("003-lenet5.verified.json", json);

        var error = Assert.Throws<BaselineException>(() => Baseline.Load(path));

        Assert.That(error!.Message, Does.Contain($"Baseline {path} is malformed: ").And.Contain(problem).And.Contain("./build.sh Accept"));
    }

    [Test]
    public void A_zero_tolerance_is_allowed()
    {
        using var temp = new GateTempDirectory();
        var path = temp.Write("003-lenet5.verified.json", Example.Replace("0.02", "0"));

        Assert.That(Baseline.Load(path).Metrics["test_loss"].Tolerance, Is.Zero);
    }
}
