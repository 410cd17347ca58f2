namespace Gyre.Core;

/// <summary>
/// The one exception type Gyre throws on purpose. <see cref="Exception.Message"/> is written for the
/// user and names the file, line, column, field or parameter at fault where there is one.
/// </summary>
public sealed class GyreException : Exception
{
    public GyreException(ErrorKind kind, string message, Exception? innerException = null)
        : base(message, innerException) => Kind = kind;

    public GyreException() : this(ErrorKind.Internal, "Unknown Gyre error.") { }

    public GyreException(string message) : this(ErrorKind.Internal, message) { }

    public GyreException(string message, Exception innerException) : this(ErrorKind.Internal, message, innerException) { }

    public ErrorKind Kind { get; }

    public static GyreException InvalidInput(string message) => new(ErrorKind.InvalidInput, message);

    public static GyreException NotFound(string message) => new(ErrorKind.NotFound, message);

    public static GyreException AlreadyExists(string message) => new(ErrorKind.AlreadyExists, message);

    public static GyreException InvalidState(string message) => new(ErrorKind.InvalidState, message);

    public static GyreException Corrupt(string message) => new(ErrorKind.Corrupt, message);
}
