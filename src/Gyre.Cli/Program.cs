using Gyre.Cli;

return await GyreCli.RunAsync(args, CliEnvironment.FromProcess());
