namespace Gyre.Tracking.Protocol.Messages;

/// <summary>The answer of MLflow's void RPCs: <c>{}</c>.</summary>
public sealed record EmptyResponse
{
    public static EmptyResponse Instance { get; } = new();
}
