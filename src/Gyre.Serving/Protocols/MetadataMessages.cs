using System.Text.Json.Serialization;

namespace Gyre.Serving.Protocols;

/// <summary>Open Inference Protocol server metadata: <c>{"name", "version", "extensions"}</c>.</summary>
public sealed record ServerMetadataResponse(string Name, string Version, IReadOnlyList<string> Extensions);

/// <summary>Open Inference Protocol model metadata: <c>{"name", "versions", "platform", "inputs", "outputs"}</c>.</summary>
public sealed record ModelMetadataResponse(string Name, IReadOnlyList<string> Versions, string Platform, IReadOnlyList<MetadataTensor> Inputs, IReadOnlyList<MetadataTensor> Outputs);

/// <summary>A tensor in model metadata; -1 marks a variable dimension.</summary>
public sealed record MetadataTensor(string Name, string Datatype, IReadOnlyList<long> Shape);

/// <summary><c>{"live": true}</c>.</summary>
public sealed record LiveResponse(bool Live);

/// <summary><c>{"ready": bool}</c>.</summary>
public sealed record ReadyResponse(bool Ready);

/// <summary><c>{"name", "ready"}</c> for model readiness.</summary>
public sealed record ModelReadyResponse(string Name, bool Ready);

/// <summary><c>{"models": [...]}</c> (KServe's model list).</summary>
public sealed record ModelListResponse(IReadOnlyList<string> Models);

/// <summary><c>{"accepted": n}</c> for feedback.</summary>
public sealed record FeedbackResponse(int Accepted);

/// <summary>Source-generated JSON for the server's non-inference responses (snake_case).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(ServerMetadataResponse))]
[JsonSerializable(typeof(ModelMetadataResponse))]
[JsonSerializable(typeof(LiveResponse))]
[JsonSerializable(typeof(ReadyResponse))]
[JsonSerializable(typeof(ModelReadyResponse))]
[JsonSerializable(typeof(ModelListResponse))]
[JsonSerializable(typeof(FeedbackResponse))]
public sealed partial class ServingJsonContext : JsonSerializerContext;
