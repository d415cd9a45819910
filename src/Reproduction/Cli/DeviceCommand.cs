using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using Repro.Reproduction.Evidence;
using Repro.Reproduction.Runs;

namespace Repro.Reproduction.Cli;

/// <summary>
/// `repro device [--device auto|cpu|cuda] [--json]`: the facts a machine's numbers depend on (<see cref="DeviceFacts"/>),
/// as lines or as one JSON object, so evidence collected on a machine says what it was collected on.
/// </summary>
public static class DeviceCommand
{
    public static Command Create()
    {
        var device = new Option<string>("--device") { Description = "cpu, cuda, or auto (CUDA when this libtorch sees a GPU).", DefaultValueFactory = _ => "auto" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of lines." };
        var command = new Command("device", "The device class, GPU, driver, CUDA runtime, cuDNN, libtorch, determinism settings and engine fingerprint of this machine.")
        {
            device, json,
        };
        command.SetAction(parse =>
        {
            DeviceFacts facts;
            try
            {
                facts = DeviceFacts.Of(ComputeDevice.Resolve(parse.GetValue(device)!));
            }
            catch (ArgumentException e)
            {
                return CliErrors.Report(e.Message);
            }

            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json)) output.WriteLine(facts.ToJson().ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
            else foreach (var line in facts.Lines()) output.WriteLine(line);
            return 0;
        });
        return command;
    }
}
