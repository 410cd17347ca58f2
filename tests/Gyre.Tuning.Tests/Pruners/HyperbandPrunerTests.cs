using Gyre.Core;
using Gyre.Tuning.Distributions;
using Gyre.Tuning.Pruners;
using Gyre.Tuning.Samplers;

namespace Gyre.Tuning.Tests.Pruners;

// Known answers: produced by running known_answers.py (beside this file) with Optuna 3.1.0 under
// /usr/bin/python3 (scenario outcomes, bracket counts, budgets, bracket ids of trials 0..39 from
// HyperbandPruner._get_bracket_id, and binascii.crc32 values). The tests replay them in Gyre.
public sealed class HyperbandPrunerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<Study> NewStudyAsync(string name, StudyDirection direction, IPruner pruner) =>
        Study.CreateAsync(name, direction, new RandomSampler(0), pruner, cancellationToken: Ct);

    [Fact]
    public async Task AutoMaxResource_Minimize_MatchesOptuna()
    {
        var pruner = new HyperbandPruner();
        var study = await NewStudyAsync("hb-study", StudyDirection.Minimize, pruner);

        var outcome = KnownAnswerScenario.Run(study, 40, KnownAnswerScenario.Range(30));

        Assert.Equal(
            "C29/0 C29/3 C29/4 P3/2 P1/1 P1/1 P3/2 P1/1 P1/1 P3/1 P1/1 P3/2 P1/1 P27/3 P3/2 C29/2 P9/1 P3/2 P1/1 P1/1 " +
            "P9/3 P1/1 P1/1 P9/1 P3/1 P3/2 P3/1 P9/0 C29/1 P3/1 P1/1 P9/3 P3/1 P1/1 P3/1 C29/1 P1/1 P27/1 P1/1 P27/1", outcome);
        Assert.Equal(4, pruner.BracketCount); // max resource 29 + 1 = 30 → floor(log3 30) + 1
    }

    [Fact]
    public async Task FixedMaxResource_Maximize_MatchesOptuna()
    {
        var study = await NewStudyAsync("hb-max", StudyDirection.Maximize, new HyperbandPruner(minResource: 2, maxResource: 60, reductionFactor: 2));

        var outcome = KnownAnswerScenario.Run(study, 40, KnownAnswerScenario.Range(60));

        Assert.Equal(
            "C59/1 C59/4 P4/1 P4/1 C59/5 P4/2 C59/3 C59/1 P16/2 C59/1 P2/1 P4/2 P2/1 C59/2 P4/1 P2/1 P8/2 P4/1 P8/2 P4/2 " +
            "P4/1 P2/1 P32/1 C59/4 C59/2 P4/2 C59/1 P8/2 P32/1 P8/1 P4/1 P8/1 P2/1 P16/1 C59/2 C59/2 P32/1 P16/3 P32/0 P2/1", outcome);
    }

    [Theory]
    [InlineData("gyre", 243L, 5, new[] { 81, 34, 15, 8, 5 }, "0000001000021100132000332100104040040021")] // log(243, 3) rounds to 4.999…
    [InlineData("hb-study", 30L, 4, new[] { 27, 12, 6, 4 }, "0100000001000102100000021012310010130303")]
    [InlineData("étude", 100L, 5, new[] { 81, 34, 15, 8, 5 }, "0010000010001000000004101000020000004032")] // UTF-8 study name
    public async Task Brackets_CountBudgetsAndTrialBrackets_MatchOptuna(string studyName, long maxResource, int count, int[] budgets, string bracketIds)
    {
        var pruner = new HyperbandPruner(minResource: 1, maxResource: maxResource, reductionFactor: 3);
        var study = await NewStudyAsync(studyName, StudyDirection.Minimize, pruner);

        Assert.Equal(count, pruner.BracketCount);
        Assert.Equal(budgets, pruner.Brackets!.Budgets);
        Assert.Equal(bracketIds, string.Concat(Enumerable.Range(0, 40).Select(n => pruner.BracketOf(study, n))));
    }

    [Theory]
    [InlineData("gyre_0", 3290500116u)]
    [InlineData("étude_12", 2561234637u)]
    [InlineData("123456789", 0xCBF43926u)] // the CRC-32 check value
    public void Crc32_MatchesPythonBinascii(string text, uint expected) =>
        Assert.Equal(expected, Crc32.Compute(text));

    [Fact]
    public async Task TrialsForSampler_FixedMax_GivesOnlyTheTrialsOfTheSameBracket()
    {
        var pruner = new HyperbandPruner(minResource: 1, maxResource: 243);
        var study = await NewStudyAsync("gyre", StudyDirection.Minimize, pruner);
        for (var i = 0; i < 12; i++) study.Tell(study.Ask(), i);

        // Brackets of trials 0..12 in study "gyre" (see the theory above): 0000001000021.
        Assert.Equal([6], pruner.TrialsForSampler(study, study.Trials, 12).Select(t => t.Number));
        Assert.Equal([11], pruner.TrialsForSampler(study, study.Trials, 11).Select(t => t.Number));
        Assert.Equal([0, 1, 2, 3, 4, 5, 7, 8, 9, 10], pruner.TrialsForSampler(study, study.Trials, 0).Select(t => t.Number));
    }

    [Fact]
    public async Task Study_SamplerSeesOnlyTheBracketOfTheTrialBeingSampled()
    {
        var sampler = new SpySampler();
        var study = await Study.CreateAsync("gyre", StudyDirection.Minimize, sampler, new HyperbandPruner(minResource: 1, maxResource: 243), cancellationToken: Ct);

        for (var i = 0; i < 13; i++)
        {
            var trial = study.Ask();
            trial.SuggestFloat("x", 0, 1);
            study.Tell(trial, i);
        }

        // Brackets of trials 0..12 in study "gyre": 0000001000021 (each list includes the trial itself).
        Assert.Equal([0, 1, 2, 3, 4, 5, 7, 8, 9, 10], sampler.Seen[10]);
        Assert.Equal([6], sampler.Seen[6]);
        Assert.Equal([11], sampler.Seen[11]);
        Assert.Equal([6, 12], sampler.Seen[12]);
    }

    [Fact]
    public async Task AutoMax_BeforeFirstCompleteTrial_NeverPrunesAndSamplerSeesAll()
    {
        var pruner = new HyperbandPruner();
        var study = await NewStudyAsync("hb-study", StudyDirection.Minimize, pruner);
        var first = study.Ask();
        for (var s = 0; s < 10; s++) first.Report(100 + s, s);

        Assert.False(first.ShouldPrune());
        Assert.Null(pruner.BracketCount);
        Assert.Null(pruner.BracketOf(study, 1));
        Assert.Single(pruner.TrialsForSampler(study, study.Trials, 1));

        study.Tell(first, 1.0);
        var second = study.Ask();
        second.Report(1.0, 0);
        second.ShouldPrune();
        Assert.Equal(3, pruner.BracketCount); // max resource 9 + 1 = 10 → floor(log3 10) + 1
    }

    [Fact]
    public async Task AutoMax_BelowMinResource_HasNoBracketAndNeverPrunes()
    {
        var pruner = new HyperbandPruner(minResource: 10);
        var study = await NewStudyAsync("small", StudyDirection.Minimize, pruner);
        var done = study.Ask();
        done.Report(0.0, 2);
        study.Tell(done, 0.0);
        var t = study.Ask();
        for (var s = 0; s < 40; s++) t.Report(1000.0, s);

        Assert.False(t.ShouldPrune());
        Assert.Equal(0, pruner.BracketCount);
        Assert.Equal(2, pruner.TrialsForSampler(study, study.Trials, 1).Count);
    }

    [Theory]
    [InlineData(0L, null, 3, 0, "minResource must be >= 1, got 0.")]
    [InlineData(5L, 4L, 3, 0, "maxResource must be >= minResource (5) or null (auto), got 4.")]
    [InlineData(1L, 100L, 1, 0, "reductionFactor must be >= 2, got 1.")]
    [InlineData(1L, 100L, 3, -1, "bootstrapCount must be >= 0, got -1.")]
    [InlineData(1L, null, 3, 2, "bootstrapCount > 0 needs a fixed maxResource, not auto (null); bootstrapCount is 2.")]
    public void Constructor_InvalidArguments_ThrowInvalidInputNamingTheParameter(long minResource, long? maxResource, int reductionFactor, int bootstrap, string message)
    {
        var e = Assert.Throws<GyreException>(() => new HyperbandPruner(minResource, maxResource, reductionFactor, bootstrap));
        Assert.Equal(ErrorKind.InvalidInput, e.Kind);
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public async Task Optimize_PrunedTrial_IsRecordedPrunedWithItsLastIntermediateValue()
    {
        // Trials 0 and 1 of study "gyre" are both in bracket 0 (rungs at steps 1, 3, 9, …).
        var study = await NewStudyAsync("gyre", StudyDirection.Minimize, new HyperbandPruner(minResource: 1, maxResource: 243));

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
        Assert.Equal(1, trials[1].LastStep);
        Assert.Equal(6.0, trials[1].Value);
    }

    /// <summary>Records, per trial sampled independently, the numbers of the trials it was shown.</summary>
    private sealed class SpySampler : ISampler
    {
        public Dictionary<int, int[]> Seen { get; } = [];

        public IReadOnlyDictionary<string, ParameterDistribution> InferRelativeSearchSpace(Study study, IReadOnlyList<FrozenTrial> trials, FrozenTrial trial) =>
            new Dictionary<string, ParameterDistribution>();

        public IReadOnlyDictionary<string, double> SampleRelative(Study study, IReadOnlyList<FrozenTrial> trials, FrozenTrial trial, IReadOnlyDictionary<string, ParameterDistribution> searchSpace) =>
            new Dictionary<string, double>();

        public double SampleIndependent(Study study, IReadOnlyList<FrozenTrial> trials, FrozenTrial trial, string name, ParameterDistribution distribution)
        {
            Seen[trial.Number] = trials.Select(t => t.Number).ToArray();
            return 0.5;
        }
    }
}
