namespace Gyre.Cli;

/// <summary>Process exit codes of every gyre command.</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The command ran and failed: bad data, missing file, failed validation, a store error.</summary>
    public const int Failure = 1;

    /// <summary>The command line itself is wrong: unknown command or option, missing or malformed value.</summary>
    public const int Usage = 2;
}
