namespace Gyre.Tuning;

/// <summary>Whether the study minimises or maximises the objective.</summary>
public enum StudyDirection
{
    /// <summary>Smaller is better.</summary>
    Minimize,
    /// <summary>Larger is better.</summary>
    Maximize,
}
