namespace Gyre.Core;

/// <summary>A tracking run's id: 32 lowercase hex characters, as MLflow's run ids.</summary>
public readonly record struct RunId(string Value)
{
    public static RunId New() => new(Guid.NewGuid().ToString("N"));

    public override string ToString() => Value;
}

/// <summary>An experiment's id: a decimal string ("0" is the default experiment), as MLflow's.</summary>
public readonly record struct ExperimentId(string Value)
{
    public static readonly ExperimentId Default = new("0");

    public override string ToString() => Value;
}
