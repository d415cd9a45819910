using System.CommandLine;
using Repro.Reproduction.Benchmarks;
using Repro.Reproduction.Evidence;
using Repro.Reproduction.Runs;
using Repro.Torch;
using static Repro.Torch.torch;

namespace Repro.Reproduction.Cli;

/// <summary>
/// `repro parity`: the training steps of report 003's LeNet-5 and report 004's CNN on the CPU and on a device
/// (<see cref="TrainingParity"/>), the losses and parameters of every step judged against <see cref="ParityTolerance"/>; with
/// --repeat, two runs on the device compared bit for bit. One PASS/FAIL line per case; the exit code is 1 when a case fails.
/// </summary>
public static class ParityCommand
{

    public static Command Create()
    {
        var device = new Option<string>("--device") { Description = "cpu, cuda, or auto: the device compared with the CPU (cpu: the CPU with itself, a rehearsal).", DefaultValueFactory = _ => "auto" };
        var steps = new Option<int>("--steps") { Description = "Training steps per case.", DefaultValueFactory = _ => 20 };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the initialisation, the images, the batches and the dropout masks.", DefaultValueFactory = _ => 1 };
        var only = new Option<string[]>("--case") { Description = $"Cases ({string.Join(", ", BenchmarkCase.All.Select(c => c.Name))}); default: {string.Join(", ", BenchmarkCase.Default.Select(c => c.Name))}.", AllowMultipleArgumentsPerToken = true };
        var repeat = new Option<bool>("--repeat") { Description = "Train twice on the device and require identical bits (determinism) instead of comparing with the CPU." };
        var command = new Command("parity", "The same training steps on the CPU and on a device (or twice on the device): per-step losses and final parameters against a float32 tolerance.")
        {
            device, steps, seed, only, repeat,
        };
        command.SetAction(parse => Run(parse.GetValue(device)!, parse.GetValue(steps), parse.GetValue(seed), parse.GetValue(only) ?? [], parse.GetValue(repeat), parse.InvocationConfiguration.Output));
        return command;
    }

    private static int Run(string deviceName, int steps, ulong seed, string[] only, bool repeat, TextWriter output)
    {
        if (steps < 1) return CliErrors.Report($"--steps must be at least 1, got {steps}.");
        if (!BenchmarkSelection.TryResolve(only, deviceName, out var cases, out var device)) return 1;

        device.Prepare(allowTf32: false);
        var reference = repeat ? device : ComputeDevice.Resolve("cpu");
        var failed = 0;
        foreach (var c in cases)
        {
            var sides = $"{reference.DeviceClass} ↔ {device.DeviceClass}";
            try
            {
                var outcome = TrainingParity.Run(c, reference.Device, device.Device, steps, seed, lockstep: !repeat);
                var verdict = repeat ? ParityTolerance.JudgeIdentical(outcome) : ParityTolerance.Judge(outcome);
                output.WriteLine($"{(verdict.Passed ? "PASS" : "FAIL")} {c.Name} {sides}: {verdict.Text}");
                if (!verdict.Passed) failed++;
            }
            catch (TorchException e)
            {
                output.WriteLine($"FAIL {c.Name} {sides}: libtorch stopped the training: {e.Message}");
                failed++;
            }
        }
        return failed == 0 ? 0 : 1;
    }
}
