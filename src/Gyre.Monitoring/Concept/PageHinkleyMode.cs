namespace Gyre.Monitoring.Concept;

/// <summary>Which direction of change a <see cref="PageHinkley"/> detector reports.</summary>
public enum PageHinkleyMode
{
    /// <summary>Increases and decreases of the mean.</summary>
    Both,

    /// <summary>Increases of the mean only (e.g. a rising error rate).</summary>
    Up,

    /// <summary>Decreases of the mean only.</summary>
    Down,
}
