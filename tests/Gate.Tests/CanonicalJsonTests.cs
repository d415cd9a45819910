using System.Text.Json.Nodes;
using Repro.Reproduction.Results;

namespace Repro.Gate.Tests;

[TestFixture]
public sealed class CanonicalJsonTests
{
    [Test]
    public void Keys_are_sorted_ordinally_at_every_depth()
    {
        var node = new JsonObject
        {
            ["z"] = 1,
            ["a"] = new JsonObject { ["b"] = true, ["B"] = "x", ["a"] = new JsonArray(new JsonObject { ["y"] = 1, ["x"] = 2 }) },
            ["M"] = null,
        };

        const string expected =
            "{\n" +
            "  \"M\": null,\n" +
            "  \"a\": {\n" +
            "    \"B\": \"x\",\n" +
            "    \"a\": [\n" +
            "      {\n" +
            "        \"x\": 2,\n" +
            "        \"y\": 1\n" +
            "      }\n" +
            "    ],\n" +
            "    \"b\": true\n" +
            "  },\n" +
            "  \"z\": 1\n" +
            "}\n";
        Assert.That(CanonicalJson.Serialize(node), Is.EqualTo(expected));
    }

    [Test]
    public void Numbers_in_arrays_are_one_per_line()
    {
        var node = new JsonObject { ["history"] = new JsonArray(0.5, 0.25, 0.125), ["empty"] = new JsonArray() };

        Assert.That(
            CanonicalJson.Serialize(node),
            Is.EqualTo("{\n  \"empty\": [],\n  \"history\": [\n    0.5,\n    0.25,\n    0.125\n  ]\n}\n"));
    }

    [Test]
    public void Line_endings_are_LF_only_with_one_trailing_newline()
    {
        var text = CanonicalJson.Serialize(new JsonObject { ["a"] = new JsonObject { ["b"] = new JsonArray(1, 2) } });

        Assert.Multiple(() =>
        {
            Assert.That(text, Does.Not.Contain("\r"));
            Assert.That(text, Does.EndWith("}\n"));
            Assert.That(text, Does.Not.EndWith("\n\n"));
        });
    }

    [TestCase(0.1, "0.1")]
    [TestCase(0.8845, "0.8845")]
    [TestCase(1.0 / 3.0, "0.3333333333333333")]
    [TestCase(3.0, "3")]
    [TestCase(-2.5e-7, "-2.5E-07")]
    [TestCase(5e-324, "5E-324")]
    [TestCase(double.MaxValue, "1.7976931348623157E+308")]
    public void Doubles_are_written_in_shortest_round_trip_form(double value, string expected)
    {
        var text = CanonicalJson.Serialize(new JsonObject { ["v"] = value });

        Assert.Multiple(() =>
        {
            Assert.That(text, Is.EqualTo($"{{\n  \"v\": {expected}\n}}\n"));
            Assert.That(JsonNode.Parse(text)!["v"]!.GetValue<double>(), Is.EqualTo(value));
        });
    }

    [Test]
    public void Many_doubles_round_trip_bit_for_bit()
    {
        var random = new Random(42);
        var values = Enumerable.Range(0, 1000).Select(_ => (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-30, 30))).ToArray();
        var array = new JsonArray(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());

        var parsed = JsonNode.Parse(CanonicalJson.Serialize(array))!.AsArray().Select(n => n!.GetValue<double>()).ToArray();

        Assert.That(parsed.Select(BitConverter.DoubleToInt64Bits), Is.EqualTo(values.Select(BitConverter.DoubleToInt64Bits)));
    }

    [Test]
    public void Parsed_text_is_normalized_and_serialization_is_idempotent()
    {
        var node = JsonNode.Parse("{\"b\": 1.50, \"a\": [1E2, 7], \"c\": {\"y\": \"±\", \"x\": 0.10}}");

        var once = CanonicalJson.Serialize(node);

        Assert.Multiple(() =>
        {
            Assert.That(once, Is.EqualTo("{\n  \"a\": [\n    100,\n    7\n  ],\n  \"b\": 1.5,\n  \"c\": {\n    \"x\": 0.1,\n    \"y\": \"±\"\n  }\n}\n"));
            Assert.That(CanonicalJson.Serialize(JsonNode.Parse(once)), Is.EqualTo(once));
        });
    }

    [TestCase(ulong.MaxValue)]
    [TestCase(14042757003196975173UL)]
    [TestCase((ulong)long.MaxValue + 1)]
    public void Seeds_above_the_long_range_stay_exact_integers(ulong seed)
    {
        // How a run record reaches a result file: serialised to a node, which wraps the serialiser's element.
        var node = new JsonObject { ["run_seed"] = System.Text.Json.JsonSerializer.SerializeToNode(seed) };

        var text = CanonicalJson.Serialize(node);

        Assert.Multiple(() =>
        {
            Assert.That(text, Is.EqualTo($"{{\n  \"run_seed\": {seed}\n}}\n"));
            Assert.That(JsonNode.Parse(text)!["run_seed"]!.GetValue<ulong>(), Is.EqualTo(seed));
        });
    }

    [TestCase(double.NaN)]
    [TestCase(double.PositiveInfinity)]
    [TestCase(double.NegativeInfinity)]
    public void Non_finite_doubles_are_refused_with_their_location(double value)
    {
        var node = new JsonObject { ["metrics"] = new JsonObject { ["test_loss"] = value } };

        var error = Assert.Throws<InvalidOperationException>(() => CanonicalJson.Serialize(node));

        Assert.That(error!.Message, Does.Contain("$.metrics.test_loss").And.Contain("NaN or Infinity"));
    }

    [Test]
    public void Non_finite_floats_and_overflowing_parsed_numbers_are_refused()
    {
        Assert.Multiple(() =>
        {
            Assert.Throws<InvalidOperationException>(() => CanonicalJson.Serialize(new JsonObject { ["f"] = float.NaN }));
            Assert.Throws<InvalidOperationException>(() => CanonicalJson.Serialize(JsonNode.Parse("{\"big\": 1e400}")));
        });
    }

    [Test]
    public void Write_creates_the_folder_and_leaves_no_temporary_file()
    {
        using var temp = new GateTempDirectory();
        var path = temp.Combine("deep", "er", "result.json");
        var node = new JsonObject { ["b"] = 2, ["a"] = 1 };

        CanonicalJson.Write(path, node);

        Assert.Multiple(() =>
        {
            Assert.That(File.ReadAllText(path), Is.EqualTo(CanonicalJson.Serialize(node)));
            Assert.That(File.ReadAllBytes(path)[0], Is.EqualTo((byte)'{'), "no byte-order mark");
            Assert.That(temp.Files(), Is.EqualTo(new[] { "deep/er/result.json" }));
        });
    }

    [Test]
    public void Write_of_an_unserializable_node_keeps_the_old_file_intact()
    {
        using var temp = new GateTempDirectory();
        var path = temp.Write("result.json", "old\n");

        Assert.Throws<InvalidOperationException>(() => CanonicalJson.Write(path, new JsonObject { ["x"] = double.NaN }));

        Assert.Multiple(() =>
        {
            Assert.That(File.ReadAllText(path), Is.EqualTo("old\n"));
            Assert.That(temp.Files(), Is.EqualTo(new[] { "result.json" }));
        });
    }

    [Test]
    public void Write_replaces_an_existing_file()
    {
        using var temp = new GateTempDirectory();
        var path = temp.Write("result.json", "a much longer old content that must not survive\n");

        CanonicalJson.Write(path, new JsonObject { ["x"] = 1 });

        Assert.That(File.ReadAllText(path), Is.EqualTo("{\n  \"x\": 1\n}\n"));
    }
}
