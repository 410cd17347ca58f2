namespace Gyre.Monitoring.InferenceLog;

/// <summary>
/// One logged prediction. <paramref name="RequestId"/> is the id the caller gave (or the server made), unique per
/// <paramref name="Endpoint"/> for primary predictions; a shadow prediction of the same request shares it, with
/// <paramref name="Variant"/> <c>shadow</c>. <paramref name="Time"/>: Unix milliseconds when the request arrived.
/// <paramref name="InputsJson"/>: a JSON object of the model's input fields as received (field → value);
/// <paramref name="OutputsJson"/>: a JSON object of the outputs returned (or, for a shadow, computed).
/// <paramref name="LatencyMs"/>: the model's scoring time, milliseconds.
/// </summary>
public sealed record InferenceRecord(
    string RequestId,
    long Time,
    string Endpoint,
    string ModelName,
    int? ModelVersion,
    string Variant,
    string InputsJson,
    string OutputsJson,
    double LatencyMs);

/// <summary>The variants a record can be.</summary>
public static class InferenceVariants
{
    /// <summary>The version the endpoint's main alias points at.</summary>
    public const string Primary = "primary";

    /// <summary>The canary version that answered this request (weighted split).</summary>
    public const string Canary = "canary";

    /// <summary>A shadow version that scored a copy; its result was never returned.</summary>
    public const string Shadow = "shadow";
}
