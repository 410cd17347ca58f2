using Gyre.Core;
using Gyre.Pipelines.Registry;
using Gyre.Registry;
using Gyre.Tracking;

namespace Gyre.Pipelines.Running;

/// <summary>
/// The <c>register</c> step: records a run's model (<c>run</c>, e.g. <c>${steps.train.outputs.run_id}</c>) or a
/// package folder (<c>package</c>) as the next version of <c>name</c>, pointing <c>alias</c> at it when given (a new
/// model's first version becomes "champion" as with `gyre models register`). The registry's audit log records
/// <paramref name="actor"/> with the reason "pipeline NAME run ID, step STEP" (<see cref="StepContext.Describe"/>) unless it has one. Outputs: <c>version</c> and <c>reference</c>
/// (NAME/VERSION).
/// </summary>
public sealed class RegisterStepExecutor(IModelRegistryStore registry, ITrackingStore tracking, IArtifactStore artifacts, RegistryActor actor) : IStepExecutor
{
    public string Kind => "register";

    public async Task<IReadOnlyDictionary<string, string>> RunAsync(StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var name = context.Inputs["name"];
        var run = context.Inputs.GetValueOrDefault("run");
        var package = context.Inputs.GetValueOrDefault("package");
        if ((run is null) == (package is null))
        {
            throw GyreException.InvalidInput($"step '{context.StepId}': give exactly one of 'run' and 'package'.");
        }

        var registration = new ModelRegistration(registry, tracking, artifacts);
        var options = new RegistrationOptions(actor with { Reason = actor.Reason ?? context.Describe() }) { Alias = context.Inputs.GetValueOrDefault("alias") };
        var result = run is not null
            ? await registration.RegisterRunAsync(name, new RunId(run), options, cancellationToken)
            : await registration.RegisterPackageAsync(name, Path.GetFullPath(package!, context.WorkingDirectory), options, cancellationToken);
        var version = result.Version.Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await context.Log.WriteLineAsync($"registered {name}/{version}{(result.Alias is null ? string.Empty : $" ({result.Alias})")}");
        return new Dictionary<string, string>(StringComparer.Ordinal) { ["version"] = version, ["reference"] = $"{name}/{version}" };
    }
}
