using System.Diagnostics;
using System.Formats.Tar;
using System.Text.Json.Nodes;
using Repro.Experiments;
using Repro.Reproduction.Engine;
using Repro.Reproduction.Fixtures;
using Repro.Reproduction.Inputs;
using Repro.Reproduction.Results;
using Repro.Reproduction.Runs;

namespace Repro.Reproduction.Tests;

/// <summary>
/// `repro import` of the results another machine made: a real `repro run --profile smoke 003-lenet5` in a scratch root
/// (the machine), packed with tar as the machine's script packs it, imported by real repro processes into other scratch
/// roots. A genuine result comes in byte for byte with its run record, which `repro run` then reuses; a GPU class imports
/// when its engine ran on that class and is refused in another class's folder; an edited result (a metric, a run's
/// numbers against its record, its definition hash, its key, its engine), an unknown experiment, an unsafe archive member
/// and a damaged archive are each refused with what is wrong, and leave no result behind.
/// </summary>
[NonParallelizable]
public class ImportTests
{
    private const string Id = "003-lenet5";
    private const string GpuClass = "cuda-sm90";

    private string parent = null!;
    private ReproProcess machine = null!;
    private string archive = null!;

    [OneTimeSetUp]
    public void TrainOnTheMachineAndPack()
    {
        parent = Path.Combine(Path.GetTempPath(), "repro-import-tests", Guid.NewGuid().ToString("N"));
        machine = new ReproProcess(parent, "machine");
        var (code, output) = machine.Run(["run", "--profile", "smoke", "--jobs", "1", "--threads", "1", Id]);
        Assert.That(code, Is.Zero, output);
        archive = Path.Combine(parent, "results.tar.gz");
        // What the machine's script runs: ImportSource.PackCommand, writing into the folder that comes back.
        using var tar = Process.Start(new ProcessStartInfo("tar", ["czf", archive, "-C", machine.Artifacts, "results", "cache/runs"]) { RedirectStandardError = true })!;
        var errors = tar.StandardError.ReadToEnd();
        tar.WaitForExit();
        Assert.That(tar.ExitCode, Is.Zero, errors);
    }

    [OneTimeTearDown]
    public void RemoveScratchRoots()
    {
        if (Directory.Exists(parent)) Directory.Delete(parent, recursive: true);
    }

    private string Result(ReproProcess repro, string deviceClass = "cpu") => RepositoryPaths.ResultJson(Path.Combine(repro.Artifacts, "results"), deviceClass, "smoke", Id);

    private static string Succeeds((int Code, string Output) run)
    {
        Assert.That(run.Code, Is.Zero, run.Output);
        return run.Output;
    }

    /// <summary>
    /// That <paramref name="output"/> says <paramref name="text"/>, wherever the console wrapped it: both are compared
    /// without white space (the console breaks long lines between words, dropping or keeping the space).
    /// </summary>
    private static void Says(string output, string text) =>
        Assert.That(Squeezed(output), Does.Contain(Squeezed(text)), $"'{text}' in:\n{output}");

    private static string Squeezed(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\s+", "");

    [Test]
    public void A_packed_result_imports_byte_for_byte_and_its_run_records_serve_repro_run()
    {
        var here = new ReproProcess(parent, "here");
        var output = Succeeds(here.Run(["import", archive]));
        var imported = File.ReadAllBytes(Result(here));
        var engine = ResultFile.Read(Result(machine), Id).Engine!;
        var rerun = Succeeds(here.Run(["run", "--profile", "smoke", "--jobs", "1", "--threads", "1", Id]));

        Assert.Multiple(() =>
        {
            Says(output, $"imported cpu/smoke: {Id} (engine {engine.Id}: libtorch {engine.Libtorch}, cpu, 1 thread(s))");
            Says(output, "1 new run record(s) of 1");
            Assert.That(imported, Is.EqualTo(File.ReadAllBytes(Result(machine))));
            Says(output, "./build.sh Gate --device cpu");
            Says(output, "REPRO_DEVICE=cpu dotnet test tests/Regression");
            Says(output, "repro report --device cpu");
            Assert.That(Directory.GetFiles(here.RunCache).Select(Path.GetFileName), Is.EquivalentTo(Directory.GetFiles(machine.RunCache).Select(Path.GetFileName)));
            foreach (var record in Directory.GetFiles(machine.RunCache))
                Assert.That(new RunCache(here.RunCache).Find(Path.GetFileNameWithoutExtension(record), out var rejection), Is.Not.Null, rejection);
            Assert.That(rerun, Does.Not.Contain("training 1/"), "the imported run record is reused: nothing trains");
        });
        var again = new ReproProcess(parent, "here-from-folder");
        Succeeds(again.Run(["import", machine.Artifacts]));
        Assert.That(File.ReadAllBytes(Result(again)), Is.EqualTo(File.ReadAllBytes(Result(machine))), "a folder imports as the archive does");
    }

    [Test]
    public void Run_records_alone_import_and_serve_the_run_that_makes_their_result()
    {
        // What a batch that did not finish leaves: the records of the trainings that did, and no result.
        var recordsOnly = Path.Combine(parent, "records-only");
        foreach (var record in Directory.GetFiles(machine.RunCache))
            File.Copy(record, Path.Combine(Directory.CreateDirectory(Path.Combine(recordsOnly, "cache", "runs")).FullName, Path.GetFileName(record)));
        var here = new ReproProcess(parent, "records-here");
        var output = Succeeds(here.Run(["import", recordsOnly]));
        var rerun = Succeeds(here.Run(["run", "--profile", "smoke", "--jobs", "1", "--threads", "1", Id]));
        var empty = Directory.CreateDirectory(Path.Combine(parent, "empty-artifacts")).FullName;
        var (emptyCode, emptyOutput) = here.Run(["import", empty]);

        Assert.Multiple(() =>
        {
            Says(output, "1 new run record(s) of 1");
            Assert.That(emptyCode, Is.EqualTo(1), emptyOutput);
            Says(emptyOutput, $"{empty} holds no results/<class>/<profile>/<id>/result.json and no cache/runs/<key>.json");
            Assert.That(rerun, Does.Not.Contain("training 1/"), "the imported record is reused: nothing trains");
            Assert.That(ResultNumbers.OfResult(Result(here)).ToJsonString(), Is.EqualTo(ResultNumbers.OfResult(Result(machine)).ToJsonString()));
        });
    }

    [Test]
    public void Importing_the_same_archive_again_changes_nothing_and_says_so()
    {
        var here = new ReproProcess(parent, "twice");
        Succeeds(here.Run(["import", archive]));
        var bytes = File.ReadAllBytes(Result(here));
        var written = File.GetLastWriteTimeUtc(Result(here));
        var output = Succeeds(here.Run(["import", archive]));

        Assert.Multiple(() =>
        {
            Says(output, $"here already: cpu/smoke/{Id}");
            Says(output, $"nothing new in {archive}: its 1 result(s) and 1 run record(s) are here already");
            Assert.That(output, Does.Not.Contain("next, for device class"));
            Assert.That(File.ReadAllBytes(Result(here)), Is.EqualTo(bytes));
            Assert.That(File.GetLastWriteTimeUtc(Result(here)), Is.EqualTo(written), "not written again");
        });
    }

    [Test]
    public void A_gpu_result_imports_into_its_class_and_is_refused_in_another_class_folder()
    {
        var gpu = Edited("gpu", json => OnGpu(json), GpuClass);
        var misplaced = Edited("gpu-in-cpu", json => OnGpu(json));
        var renamed = Edited("cpu-in-gpu", _ => { }, GpuClass);
        var here = new ReproProcess(parent, "gpu-here");
        var output = Succeeds(here.Run(["import", gpu]));
        var (misplacedCode, misplacedOutput) = here.Run(["import", misplaced]);
        var (renamedCode, renamedOutput) = here.Run(["import", renamed]);

        Assert.Multiple(() =>
        {
            Says(output, $"imported {GpuClass}/smoke: {Id}");
            Says(output, $"{GpuClass} NVIDIA H200 sm_90");
            Says(output, $"REPRO_DEVICE={GpuClass} dotnet test tests/Regression");
            Says(output, $"repro report --device {GpuClass}");
            Assert.That(output, Does.Not.Contain("on a machine with that device"), "a class by name is gated without its GPU");
            Assert.That(File.ReadAllBytes(Result(here, GpuClass)), Is.EqualTo(File.ReadAllBytes(Path.Combine(gpu, "results", GpuClass, "smoke", Id, "result.json"))));
            Assert.That(misplacedCode, Is.EqualTo(1), misplacedOutput);
            Says(misplacedOutput, "it lies in the folder of device class 'cpu', but its engine ran on 'cuda-sm90 NVIDIA H200 sm_90', of class 'cuda-sm90'");
            Assert.That(renamedCode, Is.EqualTo(1), renamedOutput);
            Says(renamedOutput, "it lies in the folder of device class 'cuda-sm90', but its engine ran on 'cpu', of class 'cpu'");
            Assert.That(File.Exists(Result(here)), Is.False, "neither misplaced result is imported");
        });
    }

    private static IEnumerable<TestCaseData> Edits()
    {
        yield return Case("a metric", json => Add(json["seeds"]![0]!["metrics"]!, "test_loss", 0.25), "seed 42's test_loss is");
        yield return Case("a run's numbers, against its run record", json =>
        {
            Add(json["runs"]![0]!, "evaluation_loss", 0.25);
            Add(json["seeds"]![0]!["metrics"]!, "test_loss", 0.25);
            Add(json["metrics"]!, "test_loss", 0.25);
        }, "its numbers and those of the run record that came with it", "differ in evaluation_loss");
        yield return Case("the top-level metrics", json => Add(json["metrics"]!, "test_accuracy", 0.5), "the top-level metric test_accuracy is");
        yield return Case("the definition hash", json => json["experiment"]!["definition_hash"] = "0123456789abcdef",
            $"it records definition hash 0123456789abcdef, but {Id} v1 hashes to");
        yield return Case("the version", json => json["experiment"]!["version"] = 0, $"it was made from {Id} v0", "the experiment changed since");
        yield return Case("a run key", json => json["runs"]![0]!["key"] = "0123456789abcdef", "its run is keyed 0123456789abcdef (seed 42), but this Repro keys it");
        yield return Case("the engine", json => json["manifest"]!["engine"]!["threads"] = 7, "its engine fingerprint (manifest.engine) is missing or does not match its id");
        yield return Case("the data", json => json["data"]!["origin"] = "fixture", "but this Repro keys it");
    }

    private static TestCaseData Case(string what, Action<JsonObject> edit, params string[] messages) =>
        new TestCaseData(edit, messages).SetName($"An_edited_result_is_refused({what})");

    [TestCaseSource(nameof(Edits))]
    public void An_edited_result_is_refused_with_what_differs(Action<JsonObject> edit, string[] messages)
    {
        var edited = Edited("edited-" + Guid.NewGuid().ToString("N")[..8], edit);
        var here = new ReproProcess(parent, "edited-here-" + Guid.NewGuid().ToString("N")[..8]);
        var (code, output) = here.Run(["import", edited]);

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(1), output);
            Says(output, $"error: {Path.Combine(edited, "results", "cpu", "smoke", Id, "result.json")} is not imported:");
            foreach (var message in messages) Says(output, message);
            Assert.That(output, Does.Not.Contain("   at "), "no stack trace");
            Assert.That(File.Exists(Result(here)), Is.False);
            Assert.That(output, Does.Not.Contain("next, for device class"));
        });
    }

    [Test]
    public void A_result_of_an_experiment_this_repro_does_not_define_is_refused()
    {
        var unknown = Edited("unknown", json => json["experiment"]!["id"] = "999-unknown");
        Directory.Move(Path.Combine(unknown, "results", "cpu", "smoke", Id), Path.Combine(unknown, "results", "cpu", "smoke", "999-unknown"));
        var here = new ReproProcess(parent, "unknown-here");
        var (code, output) = here.Run(["import", unknown]);

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(1), output);
            Says(output, "999-unknown/result.json is not imported: No experiment matches '999-unknown'");
            Says(output, "made by another version of Repro");
            Assert.That(Directory.Exists(Path.Combine(here.Artifacts, "results")), Is.False);
        });
    }

    [TestCase("../escaped.json", "its path climbs out of the folder with '..'")]
    [TestCase("results/cpu/../../../escaped.json", "its path climbs out of the folder with '..'")]
    [TestCase("/tmp/escaped.json", "its path is absolute")]
    [TestCase("link", "it is a symbolic link to '/etc/passwd'")]
    public void An_archive_with_an_unsafe_member_is_refused_whole(string member, string why)
    {
        TarEntry hostile = member == "link"
            ? new PaxTarEntry(TarEntryType.SymbolicLink, "results/cpu/smoke/link") { LinkName = "/etc/passwd" }
            : TarGzWriter.File(member, "{}"u8.ToArray());
        var genuine = Directory.GetFiles(machine.Artifacts, "*.json", SearchOption.AllDirectories)
            .Select(f => TarGzWriter.File(Path.GetRelativePath(machine.Artifacts, f), File.ReadAllBytes(f)));
        var path = Path.Combine(parent, $"hostile-{Guid.NewGuid():N}.tar.gz");
        File.WriteAllBytes(path, TarGzWriter.Build(genuine.Append(hostile)));
        var here = new ReproProcess(parent, "hostile-here-" + Guid.NewGuid().ToString("N")[..8]);
        var (code, output) = here.Run(["import", path]);

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(1), output);
            Says(output, $"{path} is refused: its member '{hostile.Name}' is unsafe ({why}); nothing of it was imported");
            Assert.That(Directory.Exists(here.Artifacts), Is.False, "neither its result nor its run record");
            Assert.That(File.Exists(Path.Combine(parent, "escaped.json")), Is.False);
        });
    }

    [TestCase("cut in half")]
    [TestCase("without its trailer")]
    [TestCase("not gzip")]
    public void A_damaged_archive_is_refused(string damage)
    {
        var bytes = File.ReadAllBytes(archive);
        var path = Path.Combine(parent, $"damaged-{Guid.NewGuid():N}.tar.gz");
        // Cut before its last 8 bytes (CRC-32 and length), an archive still un-gzips and un-tars without an exception.
        File.WriteAllBytes(path, damage switch
        {
            "cut in half" => bytes[..(bytes.Length / 2)],
            "without its trailer" => bytes[..^8],
            _ => File.ReadAllBytes(Result(machine)),
        });
        var here = new ReproProcess(parent, "damaged-here-" + Guid.NewGuid().ToString("N")[..8]);
        var (code, output) = here.Run(["import", path]);

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(1), output);
            Says(output, $"{path} is not a readable .tar.gz (");
            Says(output, "nothing of it was imported");
            Says(output, ImportSource.PackCommand);
            if (damage == "without its trailer") Says(output, "was it cut short in transfer?");
            Assert.That(output, Does.Not.Contain("   at "), "no stack trace");
            Assert.That(Directory.Exists(here.Artifacts), Is.False);
        });
    }

    [Test]
    public void A_different_result_here_is_replaced_only_with_force()
    {
        var here = new ReproProcess(parent, "force-here");
        Succeeds(here.Run(["import", archive]));
        var original = File.ReadAllBytes(Result(here));
        var later = Edited("later", json => json["manifest"]!["started_utc"] = "2031-01-01T00:00:00Z");
        var (refused, refusedOutput) = here.Run(["import", later]);
        var kept = File.ReadAllBytes(Result(here));
        var forced = Succeeds(here.Run(["import", "--force", later]));

        Assert.Multiple(() =>
        {
            Assert.That(refused, Is.EqualTo(1), refusedOutput);
            Says(refusedOutput, $"{Result(here)} holds another result (engine");
            Says(refusedOutput, "the imported one: engine");
            Says(refusedOutput, "started 2031-01-01T00:00:00Z");
            Says(refusedOutput, "give --force to replace it");
            Assert.That(kept, Is.EqualTo(original));
            Says(forced, $"imported cpu/smoke: {Id}");
            Assert.That(File.ReadAllBytes(Result(here)), Is.EqualTo(File.ReadAllBytes(Path.Combine(later, "results", "cpu", "smoke", Id, "result.json"))));
        });
    }

    /// <summary>
    /// An artifacts folder holding the machine's result, edited, in <paramref name="deviceClass"/>'s folder, with the
    /// machine's run records.
    /// </summary>
    private string Edited(string name, Action<JsonObject> edit, string deviceClass = "cpu")
    {
        var folder = Path.Combine(parent, name);
        var json = JsonNode.Parse(File.ReadAllText(Result(machine)))!.AsObject();
        edit(json);
        CanonicalJson.Write(Path.Combine(folder, "results", deviceClass, "smoke", Id, "result.json"), json);
        foreach (var record in Directory.GetFiles(machine.RunCache))
            File.Copy(record, Path.Combine(Directory.CreateDirectory(Path.Combine(folder, "cache", "runs")).FullName, Path.GetFileName(record)));
        return folder;
    }

    /// <summary>The result as an H200 would have written it: its engine's device, and so its run keys, are the GPU's.</summary>
    private static void OnGpu(JsonObject json)
    {
        var manifest = json["manifest"]!.AsObject();
        var engine = EngineFingerprint.FromJson(manifest["engine"])! with { Device = $"{GpuClass} NVIDIA H200 sm_90" };
        manifest["engine"] = engine.ToJson();
        json["device"] = engine.Device;
        var files = json["data"]!["files"]!.AsObject().Select(f => (f.Key, f.Value!["sha256"]!.GetValue<string>()));
        var origin = json["data"]!["origin"]!.GetValue<string>() == "fixture" ? DataOrigin.Fixture : DataOrigin.Real;
        var runs = ExperimentRunner.PlanRuns(ExperimentRegistry.Find(Id), RunProfile.Smoke, [json["seeds"]![0]!["seed"]!.GetValue<ulong>()],
            TrainingRun.DataFingerprint(origin, files, []), engine.Id).SelectMany(s => s.Runs).ToList();
        foreach (var (run, planned) in json["runs"]!.AsArray().Zip(runs))
        {
            run!["key"] = planned.Key;
            run["trained_by"] = planned.Key;
        }
    }

    private static void Add(JsonNode metrics, string name, double amount) => metrics[name] = metrics[name]!.GetValue<double>() + amount;
}
