namespace Gyre.Client.Tests.Cli;

/// <summary>
/// The test collection of tests that count download folders in the system temp folder: run alone, after the parallel
/// tests, so no other test of this assembly (training against a server downloads into the temp folder too) adds
/// folders meanwhile.
/// </summary>
[CollectionDefinition(nameof(TempFolderCountingTests), DisableParallelization = true)]
public sealed class TempFolderCountingTests;
