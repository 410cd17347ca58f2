namespace Gyre.Core;

/// <summary>
/// What went wrong, independent of transport. The CLI maps kinds to exit codes and the server
/// (a later issue) maps them to HTTP status codes, each in one place.
/// </summary>
public enum ErrorKind
{
    /// <summary>The caller gave something malformed: a bad file, flag, field or value.</summary>
    InvalidInput,

    /// <summary>A named thing (file, run, experiment, model) does not exist.</summary>
    NotFound,

    /// <summary>Creating something whose name is already taken.</summary>
    AlreadyExists,

    /// <summary>The operation is not allowed in the target's current state (e.g. logging to a finished run).</summary>
    InvalidState,

    /// <summary>Stored data failed an integrity check (hash mismatch, unreadable manifest).</summary>
    Corrupt,

    /// <summary>A bug or an unexpected failure of a dependency.</summary>
    Internal,
}
