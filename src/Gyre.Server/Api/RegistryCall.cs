using Gyre.Registry;
using Gyre.Tracking;

namespace Gyre.Server.Api;

/// <summary>What a registry route handler works on: the registry, the tracking store (to resolve runs) and who is asking.</summary>
internal sealed record RegistryCall(IModelRegistryStore Registry, ITrackingStore Tracking, RegistryActor Actor);
