namespace Gyre.Monitoring.InferenceLog;

/// <summary>A logged prediction with its ground truth when feedback for its request id has arrived (the latest wins).</summary>
public sealed record LoggedInference(InferenceRecord Record, string? LabelJson, long? LabelTime);

/// <summary>
/// Which records to read: an endpoint (required), optionally one model version and variant, and a time window
/// [<paramref name="FromTime"/>, <paramref name="ToTime"/>) in Unix ms. Results come oldest first, or newest first
/// with <paramref name="NewestFirst"/> (how "the last N rows" are read without scanning the whole log).
/// </summary>
public sealed record InferenceQuery(
    string Endpoint, int? ModelVersion = null, string? Variant = null, long? FromTime = null, long? ToTime = null, bool LabeledOnly = false, bool NewestFirst = false);
