using System.Globalization;
using Gyre.Core;
using Gyre.Tuning.Pruners;
using Gyre.Tuning.Samplers;

namespace Gyre.Tuning.Tests.Pruners;

// Known answers: produced by running known_answers.py (beside this file) with Optuna 3.1.0 under
// /usr/bin/python3; each expected string is the line it prints for the same scenario. The tests
// replay the scenario in Gyre (KnownAnswerScenario) and must reach the same prune decisions.
public sealed class SuccessiveHalvingPrunerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<Study> NewStudyAsync(string name, StudyDirection direction, IPruner pruner) =>
        Study.CreateAsync(name, direction, new RandomSampler(0), pruner, cancellationToken: Ct);

    [Fact]
    public async Task AutoMinResource_MinimizeDenseSteps_MatchesOptuna()
    {
        var study = await NewStudyAsync("sh-auto", StudyDirection.Minimize, new SuccessiveHalvingPruner());

        var outcome = KnownAnswerScenario.Run(study, 30, KnownAnswerScenario.Range(250));

        Assert.Equal(
            "C249/0 C249/4 P2/1 P2/1 C249/4 P2/1 P2/1 C249/4 P2/1 P2/1 P8/2 P2/1 P2/1 P2/1 P2/1 P2/1 P2/1 P2/1 P8/2 P2/1 " +
            "P2/1 P8/2 P2/1 P2/1 P2/1 P2/1 P2/1 P2/1 P2/1 P8/2", outcome);
    }

    [Fact]
    public async Task EarlyStoppingRateAndBootstrap_Maximize_MatchesOptuna()
    {
        var study = await NewStudyAsync("sh-boot", StudyDirection.Maximize,
            new SuccessiveHalvingPruner(minResource: 1, reductionFactor: 3, minEarlyStoppingRate: 1, bootstrapCount: 2));

        var outcome = KnownAnswerScenario.Run(study, 25, KnownAnswerScenario.Range(40));

        Assert.Equal(
            "P3/1 P3/1 P3/1 P3/1 P3/1 P3/1 P3/1 P3/1 P3/1 P3/1 P3/1 P9/2 P3/1 P3/1 P9/2 P3/1 P3/1 P9/2 P3/1 P3/1 " +
            "P9/2 P3/1 P3/1 P3/1 P3/1", outcome);
    }

    [Fact]
    public async Task SparseSteps_PassSeveralRungsInOneCall_MatchesOptuna()
    {
        var study = await NewStudyAsync("sh-sparse", StudyDirection.Minimize, new SuccessiveHalvingPruner(minResource: 1, reductionFactor: 4));

        var outcome = KnownAnswerScenario.Run(study, 25, [0, 1, 3, 7, 20, 33, 70, 90]);

        Assert.Equal(
            "C90/4 P1/1 P1/1 C90/4 P1/1 P1/1 C90/4 P1/1 P1/1 P7/2 P1/1 P1/1 P1/1 P1/1 P1/1 P1/1 P1/1 P7/2 P1/1 P1/1 " +
            "C90/4 P1/1 P1/1 P7/2 P1/1", outcome);
    }

    [Fact]
    public async Task RungAttrs_HoldTheValueAtTheRungStep_AsRoundTripText()
    {
        var study = await NewStudyAsync("sh-auto", StudyDirection.Minimize, new SuccessiveHalvingPruner());
        KnownAnswerScenario.Run(study, 2, KnownAnswerScenario.Range(250));

        // Trial 0 (249 steps) fixes "auto" at max(249 / 100, 1) = 2: rungs at steps 2, 8, 32, 128.
        var attrs = study.Trials[1].SystemAttrs;
        long[] rungSteps = [2, 8, 32, 128];
        for (var k = 0; k < rungSteps.Length; k++)
            Assert.Equal(KnownAnswerScenario.Value(1, rungSteps[k]).ToString("R", CultureInfo.InvariantCulture), attrs[$"completed_rung_{k}"]);
        Assert.False(attrs.ContainsKey("completed_rung_4"));
    }

    [Fact]
    public async Task FirstTrialAtARung_IsPromotedOnlyIfBestSoFar()
    {
        var study = await NewStudyAsync("first", StudyDirection.Minimize, new SuccessiveHalvingPruner(minResource: 1));
        var best = study.Ask();
        best.Report(1.0, 1);
        Assert.False(best.ShouldPrune());
        study.Tell(best, 1.0);

        var worse = study.Ask();
        worse.Report(1.5, 1);
        // Two values at rung 0 with eta 4: only the best one is promotable (Optuna gives no free pass).
        Assert.True(worse.ShouldPrune());
    }

    [Fact]
    public async Task AutoMinResource_NoCompleteTrial_NeverPrunes()
    {
        var study = await NewStudyAsync("auto", StudyDirection.Minimize, new SuccessiveHalvingPruner());
        var first = study.Ask();
        first.Report(1.0, 1);
        var second = study.Ask();
        for (var s = 0; s < 50; s++) second.Report(100.0, s);

        Assert.False(second.ShouldPrune());
        Assert.Empty(study.Trials[1].SystemAttrs);
    }

    [Fact]
    public void EstimateMinResource_IsLargestCompleteLastStepOver100_AtLeastOne()
    {
        static FrozenTrial Trial(int number, TrialState state, long lastStep) =>
            FrozenTrial.NewRunning(number, DateTimeOffset.UnixEpoch) with { State = state, IntermediateValues = new Dictionary<long, double> { [lastStep] = 0 } };

        Assert.Null(SuccessiveHalvingPruner.EstimateMinResource([Trial(0, TrialState.Pruned, 900)]));
        Assert.Equal(1, SuccessiveHalvingPruner.EstimateMinResource([Trial(0, TrialState.Complete, 50)]));
        Assert.Equal(3, SuccessiveHalvingPruner.EstimateMinResource([Trial(0, TrialState.Complete, 120), Trial(1, TrialState.Complete, 399), Trial(2, TrialState.Pruned, 900)]));
    }

    [Theory]
    [InlineData(0L, 4, 0, 0, "minResource must be >= 1 or null (auto), got 0.")]
    [InlineData(1L, 1, 0, 0, "reductionFactor must be >= 2, got 1.")]
    [InlineData(1L, 4, -1, 0, "minEarlyStoppingRate must be >= 0, got -1.")]
    [InlineData(1L, 4, 0, -2, "bootstrapCount must be >= 0, got -2.")]
    [InlineData(null, 4, 0, 1, "bootstrapCount > 0 needs a fixed minResource, not auto (null); bootstrapCount is 1.")]
    public void Constructor_InvalidArguments_ThrowInvalidInputNamingTheParameter(long? minResource, int reductionFactor, int rate, int bootstrap, string message)
    {
        var e = Assert.Throws<GyreException>(() => new SuccessiveHalvingPruner(minResource, reductionFactor, rate, bootstrap));
        Assert.Equal(ErrorKind.InvalidInput, e.Kind);
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public async Task Optimize_PrunedTrial_IsRecordedPrunedWithItsLastIntermediateValue()
    {
        var study = await NewStudyAsync("opt", StudyDirection.Minimize, new SuccessiveHalvingPruner(minResource: 1));

        study.Optimize(trial =>
        {
            var level = trial.Number == 0 ? 1.0 : 5.0;
            for (var step = 0; step < 4; step++)
            {
                trial.Report(level + step, step);
                if (trial.ShouldPrune()) throw new TrialPrunedException();
            }
            return level;
        }, trials: 2, cancellationToken: Ct);

        var trials = study.Trials;
        Assert.Equal(TrialState.Complete, trials[0].State);
        Assert.Equal(TrialState.Pruned, trials[1].State);
        // Rung 0 is at step 1: 6.0 against trial 0's 2.0 → pruned there, with 6.0 as its value.
        Assert.Equal(1, trials[1].LastStep);
        Assert.Equal(6.0, trials[1].Value);
    }
}
