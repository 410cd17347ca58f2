namespace Gyre.Training.Packaging;

/// <summary>
/// What goes into a package besides the model. <see cref="ReferenceProfileJson"/> (opaque JSON text, written
/// as reference_profile.json), <see cref="MonitoringProfileJson"/> (opaque JSON text, the mergeable sketches
/// monitoring compares live data against, written as monitoring_profile.json) and <see cref="TrainingDataFingerprint"/> come from the data layer. Without
/// <see cref="Overwrite"/>, saving to an existing path fails with AlreadyExists.
/// </summary>
public sealed record PackageSaveOptions
{
    public IReadOnlyDictionary<string, double> Metrics { get; init; } = new Dictionary<string, double>();

    public string? TrainingDataFingerprint { get; init; }

    public string? ReferenceProfileJson { get; init; }

    public string? MonitoringProfileJson { get; init; }

    public bool Overwrite { get; init; }

    public TimeProvider Clock { get; init; } = TimeProvider.System;
}
