using Gyre.Serving.Endpoints;
using Gyre.Serving.Models;
using Gyre.Serving.Protocols;

namespace Gyre.Serving.Traffic;

/// <summary>A copy of one request for a shadow model to score after the response (owns <see cref="Body"/>).</summary>
public sealed record ShadowWork(ModelEndpoint Endpoint, ServedModel Shadow, ServingProtocol Protocol, RequestBody Body, string RequestId, long Time);
