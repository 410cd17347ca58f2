namespace Gyre.Monitoring.Alerts;

/// <summary>The comparison of a rule: the condition is <c>value OP threshold</c>.</summary>
public enum AlertOperator
{
    GreaterThan,
    GreaterThanOrEqual,
    LessThan,
    LessThanOrEqual,
}
