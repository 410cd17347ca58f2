using Gyre.Registry;
using Gyre.Tracking;
using Gyre.Tracking.Artifacts;

namespace Gyre.Server.Api;

/// <summary>
/// What route handlers work on: the tracking store, the model registry, the artifact proxy's repository and the clock.
/// One per server; thread-safe.
/// </summary>
internal sealed record TrackingServices(ITrackingStore Store, IModelRegistryStore Registry, IArtifactRepository Artifacts, TimeProvider Time);
