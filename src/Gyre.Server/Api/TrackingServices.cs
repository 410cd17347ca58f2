using Gyre.Tracking;
using Gyre.Tracking.Artifacts;

namespace Gyre.Server.Api;

/// <summary>What route handlers work on: the tracking store, the artifact proxy's repository and the clock. One per server; thread-safe.</summary>
internal sealed record TrackingServices(ITrackingStore Store, IArtifactRepository Artifacts, TimeProvider Time);
