using Gyre.Tracking;

namespace Gyre.Stores.Sqlite;

/// <summary>
/// Which of two points of one metric is the "latest" (MLflow's rule): greater step, then greater
/// timestamp, then greater value; NaN counts as smaller than every number.
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
