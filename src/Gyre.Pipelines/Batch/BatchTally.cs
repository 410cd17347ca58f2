using System.Globalization;
using Gyre.Training.Scoring;

namespace Gyre.Pipelines.Batch;

/// <summary>Sums chunk outcomes for the job's report: counts, the first violations, warnings per column. Not thread-safe (the writer's).</summary>
internal sealed class BatchTally(int maxViolations)
{
    private const int MaxExamples = 5;
    private readonly List<SignatureViolation> _violations = [];
    private readonly Dictionary<string, (long Rows, List<string> Examples)> _unseen = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];

    public long RowsRead { get; private set; }

    public long RowsScored { get; private set; }

    public long RowsRejected { get; private set; }

    public long Bytes { get; private set; }

    public long ViolationCount { get; private set; }

    public IReadOnlyList<SignatureViolation> Violations => _violations;

    public double RejectRate => RowsRead == 0 ? 0 : (double)RowsRejected / RowsRead;

    public void Add(ChunkOutcome outcome)
    {
        RowsRead += outcome.Records;
        RowsScored += outcome.Scored;
        RowsRejected += outcome.Rejected;
        Bytes += outcome.Bytes;
        ViolationCount += outcome.Violations.Count;
        _violations.AddRange(outcome.Violations.Take(maxViolations - _violations.Count));
        foreach (var warning in outcome.Warnings)
        {
            if (!_unseen.TryGetValue(warning.Column, out var sum))
            {
                _order.Add(warning.Column);
                sum = (0, []);
            }

            var examples = sum.Examples;
            examples.AddRange(warning.Examples.Where(e => !examples.Contains(e)).Take(MaxExamples - examples.Count));
            _unseen[warning.Column] = (sum.Rows + warning.RowCount, examples);
        }
    }

    /// <summary>
    /// The job's warnings, one per column. The only warning scoring gives is a one-hot category never seen in training
    /// (<see cref="ModelPredictor.Score"/>), so the message is rebuilt with the job's total.
    /// </summary>
    public IReadOnlyList<ScoringWarning> Warnings() =>
        [.. _order.Select(column =>
        {
            var (rows, examples) = _unseen[column];
            var message = string.Create(CultureInfo.InvariantCulture, $"{rows} row(s) of column '{column}' have a category never seen in training; they are encoded as all zeros.");
            return new ScoringWarning(column, message, (int)Math.Min(rows, int.MaxValue), examples);
        })];
}
