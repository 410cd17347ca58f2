using System.Runtime.ExceptionServices;
using Gyre.Core;
using Gyre.Monitoring.Datasets;

namespace Gyre.Monitoring.Drift;

/// <summary>
/// Dataset drift on raw columns: one <see cref="ColumnDriftDetector"/> run per column (in parallel), then
/// <see cref="DatasetDriftSummary.Summarize"/>. The kind of each column (numeric or categorical) is the
/// reference column's type. A column absent from the current data gets <see cref="DriftStatus.MissingInCurrent"/>,
/// one typed differently on the two sides <see cref="DriftStatus.TypeMismatch"/>; neither counts as tested.
/// </summary>
/// <remarks>
/// Thread-safe (no state); the frames are only read. Columns run concurrently on the thread pool; results keep
/// the requested order. Cost per numeric column: two sorts (a radix sort for long columns), into buffers rented
/// from the shared array pool and returned when the column is done, so the extra memory at any moment is about
/// two sorted copies per column running concurrently, not two per column.
/// </remarks>
public static class DatasetDriftDetector
{
    /// <summary>Detects drift in every reference column, or in <see cref="DatasetDriftOptions.Columns"/> in that order.</summary>
    /// <exception cref="GyreException">
    /// InvalidInput when a listed column is not in the reference or listed twice, when a column's method cannot
    /// run on its type (e.g. KS on a categorical column), a bin count is below 1, or the drift share is outside (0, 1].
    /// </exception>
    public static DatasetDriftResult Detect(MonitoredFrame reference, MonitoredFrame current, DatasetDriftOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(current);
        options ??= DatasetDriftOptions.Default;
        var columns = SelectColumns(reference, options);
        var results = new ColumnDrift[columns.Length];
        try
        {
            Parallel.For(0, columns.Length, i => results[i] = DetectColumn(columns[i], current.Find(columns[i].Name), options.For(columns[i].Name)));
        }
        catch (AggregateException error) when (error.InnerExceptions.Count > 0)
        {
            ExceptionDispatchInfo.Capture(error.InnerExceptions[0]).Throw();
            throw;
        }

        return DatasetDriftSummary.Summarize(results, options);
    }

    private static MonitoredColumn[] SelectColumns(MonitoredFrame reference, DatasetDriftOptions options)
    {
        if (options.Columns is null)
        {
            return [.. reference.Columns];
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var selected = new MonitoredColumn[options.Columns.Count];
        for (var i = 0; i < selected.Length; i++)
        {
            var name = options.Columns[i];
            if (!seen.Add(name))
            {
                throw GyreException.InvalidInput($"Drift column '{name}' is listed twice in the dataset drift options.");
            }

            selected[i] = reference.Find(name)
                ?? throw GyreException.InvalidInput($"Drift column '{name}' is not in the reference data.");
        }

        return selected;
    }

    private static ColumnDrift DetectColumn(MonitoredColumn referenceColumn, MonitoredColumn? currentColumn, ColumnDriftOptions options)
    {
        switch (referenceColumn)
        {
            case NumericColumn numeric:
                return currentColumn switch
                {
                    NumericColumn other => Numeric(numeric, ColumnDriftDetector.Detect(numeric.Values, other.Values, options)),
                    null => Numeric(numeric, Unavailable(ColumnDriftDetector.Detect(numeric.Values, [], options), DriftStatus.MissingInCurrent, 0)),
                    _ => Numeric(numeric, Unavailable(
                        ColumnDriftDetector.Detect(numeric.Values, [], options), DriftStatus.TypeMismatch, NonMissingCount(currentColumn))),
                };
            case CategoricalColumn categorical:
                return currentColumn switch
                {
                    CategoricalColumn other => Categorical(categorical, ColumnDriftDetector.Detect(categorical.Values, other.Values, options)),
                    null => Categorical(
                        categorical, Unavailable(ColumnDriftDetector.Detect(categorical.Values, [], options), DriftStatus.MissingInCurrent, 0)),
                    _ => Categorical(categorical, Unavailable(
                        ColumnDriftDetector.Detect(categorical.Values, [], options), DriftStatus.TypeMismatch, NonMissingCount(currentColumn))),
                };
            default:
                throw GyreException.InvalidInput(
                    $"Column '{referenceColumn.Name}' has an unsupported type {referenceColumn.GetType().Name} for drift detection.");
        }
    }

    private static ColumnDrift Numeric(NumericColumn column, ColumnDriftResult result) => new(column.Name, DriftColumnKind.Numerical, result);

    private static ColumnDrift Categorical(CategoricalColumn column, ColumnDriftResult result) =>
        new(column.Name, DriftColumnKind.Categorical, result);

    /// <summary>
    /// A reference-only result (method and reference count as the detector would choose them) re-labelled
    /// with why the comparison could not run.
    /// </summary>
    private static ColumnDriftResult Unavailable(ColumnDriftResult referenceOnly, DriftStatus status, int currentCount) =>
        referenceOnly with { Status = status, Score = null, Drifted = false, CurrentCount = currentCount, NewCategories = [] };

    private static int NonMissingCount(MonitoredColumn column)
    {
        var count = 0;
        switch (column)
        {
            case NumericColumn numeric:
                foreach (var value in numeric.Values)
                {
                    if (double.IsFinite(value))
                    {
                        count++;
                    }
                }

                break;
            case CategoricalColumn categorical:
                foreach (var value in categorical.Values)
                {
                    if (value is not null)
                    {
                        count++;
                    }
                }

                break;
            default:
                break;
        }

        return count;
    }
}
