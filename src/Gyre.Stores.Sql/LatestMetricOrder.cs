using Gyre.Tracking;

namespace Gyre.Stores.Sql;

/// <summary>
/// Which of two points of one metric is the "latest" (MLflow's rule): greater step, then greater
/// timestamp, then greater value; NaN counts as smaller than every number. The SQL form of the same rule
/// compares the tuple (step, timestamp, 1 - is_nan, value) with NaN stored as value 0.
/// </summary>
internal static class LatestMetricOrder
{
    public static int Compare(Metric left, Metric right)
    {
        var byStep = left.Step.CompareTo(right.Step);
        if (byStep != 0)
        {
            return byStep;
        }

        var byTimestamp = left.Timestamp.CompareTo(right.Timestamp);
        return byTimestamp != 0 ? byTimestamp : left.Value.CompareTo(right.Value);
    }
}
