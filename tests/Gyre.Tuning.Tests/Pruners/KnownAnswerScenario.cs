using System.Globalization;

namespace Gyre.Tuning.Tests.Pruners;

/// <summary>
/// The C# twin of known_answers.py (beside this file): drives a study by hand with the same table
/// of intermediate values and describes each trial as "P&lt;step&gt;/&lt;rungs&gt;" (pruned at that step) or
/// "C&lt;step&gt;/&lt;rungs&gt;" (completed), rungs = number of completed_rung_k system attrs stored on it.
/// </summary>
internal static class KnownAnswerScenario
{
    /// <summary>Same integer arithmetic and IEEE division as value() in known_answers.py.</summary>
    public static double Value(int trial, long step)
    {
        if (trial % 11 == 5 && step >= 6) return double.NaN;
        return (trial * 7919L + step * 31L) % 97 / 4.0 + 100.0 / (step + 1);
    }

    public static string Run(Study study, int trials, IReadOnlyList<long> steps)
    {
        var outcomes = new List<string>();
        for (var i = 0; i < trials; i++)
        {
            var trial = study.Ask();
            string? outcome = null;
            foreach (var step in steps)
            {
                trial.Report(Value(trial.Number, step), step);
                if (!trial.ShouldPrune()) continue;
                outcome = "P" + step.ToString(CultureInfo.InvariantCulture);
                study.Tell(trial, TrialState.Pruned);
                break;
            }
            if (outcome is null)
            {
                outcome = "C" + steps[^1].ToString(CultureInfo.InvariantCulture);
                study.Tell(trial, Value(trial.Number, steps[^1]));
            }
            var rungs = study.Trials[trial.Number].SystemAttrs.Keys.Count(k => k.StartsWith("completed_rung_", StringComparison.Ordinal));
            outcomes.Add($"{outcome}/{rungs}");
        }
        return string.Join(' ', outcomes);
    }

    public static long[] Range(int count) => Enumerable.Range(0, count).Select(i => (long)i).ToArray();
}
