namespace Gyre.Monitoring.Alerts;

/// <summary>Parsing, printing and evaluation of <see cref="AlertOperator"/>.</summary>
public static class AlertOperators
{
    /// <summary>True when <c>value OP threshold</c> holds. NaN (either side) never satisfies a condition.</summary>
    public static bool Holds(this AlertOperator op, double value, double threshold) =>
        !double.IsNaN(value) && !double.IsNaN(threshold) && op switch
        {
            AlertOperator.GreaterThan => value > threshold,
            AlertOperator.GreaterThanOrEqual => value >= threshold,
            AlertOperator.LessThan => value < threshold,
            AlertOperator.LessThanOrEqual => value <= threshold,
            _ => throw new ArgumentOutOfRangeException(nameof(op), op, "Unknown alert operator."),
        };

    /// <summary>The YAML spelling: <c>&gt;</c>, <c>&gt;=</c>, <c>&lt;</c> or <c>&lt;=</c>.</summary>
    public static string ToSymbol(this AlertOperator op) => op switch
    {
        AlertOperator.GreaterThan => ">",
        AlertOperator.GreaterThanOrEqual => ">=",
        AlertOperator.LessThan => "<",
        AlertOperator.LessThanOrEqual => "<=",
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "Unknown alert operator."),
    };

    /// <summary>Parses a YAML spelling; returns false for anything else.</summary>
    public static bool TryParse(string text, out AlertOperator op)
    {
        (var ok, op) = text switch
        {
            ">" => (true, AlertOperator.GreaterThan),
            ">=" => (true, AlertOperator.GreaterThanOrEqual),
            "<" => (true, AlertOperator.LessThan),
            "<=" => (true, AlertOperator.LessThanOrEqual),
            _ => (false, default),
        };
        return ok;
    }
}
