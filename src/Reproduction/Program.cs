using Repro.Reproduction.Cli;

return await ReproCli.RunAsync(args);
