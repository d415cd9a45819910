using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using Repro.Reproduction.Engine;

namespace Repro.Reproduction.Tests;

/// <summary>
/// The bundle (./build.sh Bundle, artifacts/bundle/) on a machine without .NET: repro runs in a mount namespace of its
/// own (unshare) in which an empty tmpfs covers every .NET installation, with a PATH that finds no dotnet, no
/// DOTNET_ROOT and an empty home folder. There it answers --help as repro.dll does, verifies the bundled datasets
/// offline, and trains the smoke profile of 003-lenet5 on them to the same bits as repro.dll in the same environment.
/// </summary>
[NonParallelizable]
public class BundleTests
{
    private static readonly string Bundle = Path.Combine(RepositoryPaths.Artifacts, "bundle");
    private static readonly string Executable = Path.Combine(Bundle, "repro");
    private static readonly string Data = Path.Combine(Bundle, "data");
    private const string Smoke = "003-lenet5";

    private string parent = null!;
    private string home = null!;
    private string[] hidden = null!;

    [OneTimeSetUp]
    public void FindTheBundleAndIsolation()
    {
        if (!File.Exists(Executable))
            Assert.Ignore($"{Executable} is missing: build it with `./build.sh Bundle` (`./build.sh Test` does).");
        parent = Path.Combine(Path.GetTempPath(), "repro-bundle-tests", Guid.NewGuid().ToString("N"));
        home = Directory.CreateDirectory(Path.Combine(parent, "home")).FullName;
        hidden = DotnetFolders();
        var (code, output) = RunIsolated(["/bin/true"]);
        if (code != 0)
            Assert.Ignore($"No mount namespace to hide .NET in ({output.Trim()}). It needs root or unprivileged user namespaces; in a container, " +
                          "CAP_SYS_ADMIN and no AppArmor confinement (docker run --cap-add SYS_ADMIN --security-opt apparmor=unconfined).");
    }

    [OneTimeTearDown]
    public void RemoveScratch()
    {
        if (parent is not null && Directory.Exists(parent)) Directory.Delete(parent, recursive: true);
    }

    [Test]
    public void No_dotnet_is_reachable_in_the_isolation()
    {
        var runtime = Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "System.Private.CoreLib.dll");

        var (code, output) = RunIsolated(["/bin/sh", "-c", $"command -v dotnet && exit 1; [ -e '{runtime}' ] && exit 2; echo \"DOTNET_ROOT=${{DOTNET_ROOT-unset}} HOME=$HOME\""]);

        Assert.That(code, Is.EqualTo(0), $"1: dotnet is on PATH, 2: the runtime is visible; {output}");
        Assert.That(output.Trim(), Is.EqualTo($"DOTNET_ROOT=unset HOME={home}"));
    }

    [Test]
    public void The_framework_dependent_repro_of_this_build_cannot_start_in_the_isolation()
    {
        var (code, output) = RunIsolated([Path.Combine(AppContext.BaseDirectory, "repro"), "--help"]);

        Assert.That(code, Is.Not.EqualTo(0), output);
        Assert.That(output, Does.Contain("You must install .NET to run this application."));
    }

    [Test]
    public void Help_lists_the_commands_as_repro_dll_does()
    {
        var bundled = Bundled("help").Run(["--help"]);
        var framework = Framework("help").Run(["--help"]);

        Assert.That(bundled.Code, Is.EqualTo(0), bundled.Output);
        foreach (var command in new[] { "list", "run <experiments>", "merge <folders>", "data", "report", "accept", "bench" })
            Assert.That(bundled.Output, Does.Contain($"\n  {command} "), command);
        Assert.That(bundled.Output, Is.EqualTo(framework.Output), Stale);
    }

    [Test]
    public void The_bundled_datasets_verify_offline()
    {
        var (code, output) = Bundled("verify").Run(["data", "verify", "fashion-mnist", "uci-digits-sklearn-subset"], DataHere);

        Assert.That(code, Is.EqualTo(0), output);
        Assert.That(output, Does.Contain("fashion-mnist: ok: 60000 training and 10000 test images of 1×28×28, 10 classes"));
        Assert.That(output, Does.Contain("uci-digits-sklearn-subset: ok: "));
        Assert.That(output, Does.Contain($"  train-images-idx3-ubyte.gz  cache  {Path.Combine(Data, "fashion-mnist", "train-images-idx3-ubyte.gz")}"));
    }

    [Test]
    public void The_smoke_run_of_lenet5_gives_the_bits_of_repro_dll()
    {
        var bundled = Bundled("run");
        var framework = Framework("run");
        string[] arguments = ["run", "--profile", "smoke", "--threads", "1", Smoke];

        var bundledRun = bundled.Run(arguments, DataHere);
        var frameworkRun = framework.Run(arguments, DataHere);

        Assert.That(bundledRun.Code, Is.EqualTo(0), bundledRun.Output);
        Assert.That(frameworkRun.Code, Is.EqualTo(0), frameworkRun.Output);
        var mine = Result(bundled);
        var theirs = Result(framework);
        var accuracy = mine["metrics"]!["test_accuracy"]!.GetValue<double>();
        Assert.That(accuracy, Is.InRange(0.0, 1.0));
        Assert.That(mine["data"]!["origin"]!.GetValue<string>(), Is.EqualTo("real"));
        foreach (var (name, file) in mine["data"]!["files"]!.AsObject())
            Assert.That(file!["source"]!.GetValue<string>(), Is.EqualTo("Cache"), $"{name} is read from the bundle's data/");
        Assert.That(JsonNode.DeepEquals(mine["metrics"], theirs["metrics"]), $"metrics {mine["metrics"]} against {theirs["metrics"]}; {Stale}");
        Assert.That(JsonNode.DeepEquals(mine["runs"]![0]!["step_losses"], theirs["runs"]![0]!["step_losses"]));
        Assert.That(mine["experiment"]!["definition_hash"]!.GetValue<string>(), Is.EqualTo(theirs["experiment"]!["definition_hash"]!.GetValue<string>()));

        var engine = EngineFingerprint.FromJson(mine["manifest"]!["engine"]);
        var frameworkEngine = EngineFingerprint.FromJson(theirs["manifest"]!["engine"]);
        Assert.That(engine, Is.Not.Null, "the fingerprint's fields give its id");
        Assert.That(engine!.PlatformId, Is.EqualTo(frameworkEngine!.PlatformId), string.Join("; ", engine.Differences(frameworkEngine)));
        Assert.That(engine.Code, Is.Not.EqualTo(frameworkEngine.Code), "the bundle's code hash covers its executable, not repro.dll");
    }

    private const string Stale = "a bundle older than the sources differs from repro.dll: build it again with `./build.sh Bundle`";

    private Dictionary<string, string> DataHere => new() { ["REPRO_DATA"] = Data };

    private static JsonNode Result(ReproProcess repro) =>
        JsonNode.Parse(File.ReadAllText(RepositoryPaths.ResultJson(Path.Combine(repro.Artifacts, "results"), "cpu", "smoke", Smoke)))!;

    /// <summary>The bundled repro, isolated from .NET.</summary>
    private ReproProcess Bundled(string name) => new(parent, $"bundle-{name}", arguments => IsolatedStart([Executable, .. arguments]));

    /// <summary>repro.dll of this build, in the same environment but for the isolation.</summary>
    private ReproProcess Framework(string name) => new(parent, $"dll-{name}", arguments =>
    {
        var start = Environment(new ProcessStartInfo(Path.Combine(DotnetRoot, "dotnet")));
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "repro.dll"));
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        return start;
    });

    /// <summary>
    /// <paramref name="command"/> in a mount namespace of its own (`unshare --mount`, with a user namespace where this
    /// process is not root) in which each .NET folder is covered by an empty tmpfs, in <see cref="Environment"/>.
    /// </summary>
    private ProcessStartInfo IsolatedStart(IReadOnlyList<string> command)
    {
        var start = Environment(new ProcessStartInfo("unshare"));
        if (System.Environment.UserName != "root") start.ArgumentList.Add("--map-root-user");
        start.ArgumentList.Add("--mount");
        start.ArgumentList.Add("--");
        start.ArgumentList.Add("/bin/sh");
        start.ArgumentList.Add("-c");
        // Positional parameters: the folders to hide, "--", then the command, which replaces the shell.
        start.ArgumentList.Add("""
            while [ "$1" != "--" ]; do mount -t tmpfs -o size=64k,mode=0755 no-dotnet "$1" || exit 125; shift; done
            shift
            exec "$@"
            """);
        start.ArgumentList.Add("isolated");
        foreach (var folder in hidden) start.ArgumentList.Add(folder);
        start.ArgumentList.Add("--");
        foreach (var part in command) start.ArgumentList.Add(part);
        return start;
    }

    private (int Code, string Output) RunIsolated(IReadOnlyList<string> command)
    {
        var start = IsolatedStart(command);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output + error.Result);
    }

    /// <summary>Nothing of this process's environment: a PATH of the system's folders only, no DOTNET_ROOT, an empty home folder.</summary>
    private ProcessStartInfo Environment(ProcessStartInfo start)
    {
        start.Environment.Clear();
        start.Environment["PATH"] = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
        start.Environment["HOME"] = home;
        start.Environment["REPRO_TORCH_NATIVE"] = Path.Combine(AppContext.BaseDirectory, "libreprotorch.so");
        return start;
    }

    /// <summary>The .NET installation this test runs on.</summary>
    private static string DotnetRoot => Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));

    /// <summary>
    /// Every .NET installation a host could find a runtime in: the one this test runs on, $DOTNET_ROOT, those a `dotnet`
    /// on PATH leads to, and /etc/dotnet (where installations are registered).
    /// </summary>
    private static string[] DotnetFolders()
    {
        var candidates = new List<string?> { DotnetRoot, System.Environment.GetEnvironmentVariable("DOTNET_ROOT") };
        foreach (var folder in (System.Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var dotnet = new FileInfo(Path.Combine(folder, "dotnet"));
            if (dotnet.Exists) candidates.Add(Path.GetDirectoryName(dotnet.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? dotnet.FullName));
        }

        // Only installations (a folder with shared/Microsoft.NETCore.App): never a folder like /usr/bin that merely holds a link.
        return candidates.Where(folder => !string.IsNullOrEmpty(folder) && Directory.Exists(Path.Combine(folder, "shared", "Microsoft.NETCore.App")))
            .Select(folder => Path.GetFullPath(folder!).TrimEnd('/'))
            .Append("/etc/dotnet")
            .Where(Directory.Exists)
            .Distinct(StringComparer.Ordinal)
            .ToArray();
    }
}
