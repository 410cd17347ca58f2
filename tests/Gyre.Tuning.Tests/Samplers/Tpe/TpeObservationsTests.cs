using System.Globalization;
using System.Text.Json;
using Gyre.Tuning.Distributions;
using Gyre.Tuning.Samplers.Tpe;

namespace Gyre.Tuning.Tests.Samplers.Tpe;

/// <summary>
/// The good/bad split. Expected groups from Optuna 3.1.0's _split_observation_pairs on the same eight
/// trials (parzen_reference.py, section 7): trial i has x = i/10.
/// </summary>
public sealed class TpeObservationsTests
{
    private static readonly FloatDistribution X = new(0, 1);

    [Theory]
    [InlineData(2, new[] { 2, 6 }, new[] { 0, 1, 3, 4, 5, 7 })]
    [InlineData(5, new[] { 0, 2, 4, 6, 7 }, new[] { 1, 3, 5 })]
    [InlineData(7, new[] { 0, 1, 2, 3, 4, 6, 7 }, new[] { 5 })]
    public void Split_CompleteByValueThenPrunedByDepthAndValue_MatchesOptuna(int nBelow, int[] below, int[] above)
    {
        var observations = Collect(OptunaScenario(), current: 99, constantLiar: false, nBelow);
        Assert.Equal(8, observations.Finished);
        Assert.Equal(below.Select(i => i / 10.0), observations.Below[0]);
        Assert.Equal(above.Select(i => i / 10.0), observations.Above[0]);
    }

    [Fact]
    public void Maximize_RanksLargestValuesBest()
    {
        var trials = new[] { Complete(0, 0.1, 1.0), Complete(1, 0.2, 3.0), Complete(2, 0.3, 2.0) };
        var observations = TpeObservations.Collect(trials, 99, ["x"], [X], StudyDirection.Maximize, false, _ => 1);
        Assert.Equal([0.2], observations.Below[0]);
        Assert.Equal([0.1, 0.3], observations.Above[0]);
    }

    [Fact]
    public void ConstantLiar_OtherRunningTrialsAreWorstObservations_IncludingTheirJointSample()
    {
        var running = FrozenTrial.NewRunning(3, DateTimeOffset.UnixEpoch) with
        {
            SystemAttrs = new Dictionary<string, string>
            {
                [Study.RelativeParamsAttr] = JsonSerializer.Serialize(new Dictionary<string, string> { ["x"] = 0.05.ToString("R", CultureInfo.InvariantCulture) }),
            },
        };
        var self = FrozenTrial.NewRunning(4, DateTimeOffset.UnixEpoch);
        FrozenTrial[] trials = [Complete(0, 0.9, 1.0), Complete(1, 0.8, 2.0), Complete(2, 0.7, 3.0), running, self];

        var liar = TpeObservations.Collect(trials, 4, ["x"], [X], StudyDirection.Minimize, constantLiar: true, _ => 1);
        Assert.Equal(3, liar.Finished);
        Assert.Equal([0.9], liar.Below[0]);
        Assert.Equal([0.8, 0.7, 0.05], liar.Above[0]);

        var honest = TpeObservations.Collect(trials, 4, ["x"], [X], StudyDirection.Minimize, constantLiar: false, _ => 1);
        Assert.Equal([0.8, 0.7], honest.Above[0]);
    }

    [Fact]
    public void TrialsWithoutTheParameterOrOutsideItsRange_AreLeftOut()
    {
        var other = Complete(1, 0.5, 0.5) with { Params = new Dictionary<string, object?> { ["y"] = 0.5 } };
        var outside = Complete(2, 5.0, 0.7) with { Params = new Dictionary<string, object?> { ["x"] = 5.0 } };
        var observations = TpeObservations.Collect([Complete(0, 0.3, 1.0), other, outside], 99, ["x"], [X], StudyDirection.Minimize, false, _ => 1);
        Assert.Equal(3, observations.Finished);
        Assert.Empty(observations.Below[0]); // the best (trial 1) has no x
        Assert.Equal([0.3], observations.Above[0]);
    }

    [Fact]
    public void Best_IsTheBestCompleteTrialWithTheParameters_NeverAPrunedOne()
    {
        Assert.Equal([0.2], Collect(OptunaScenario(), current: 99, constantLiar: false, nBelow: 2).Best!);
        var maximize = TpeObservations.Collect([Complete(0, 0.1, 1.0), Complete(1, 0.2, 3.0)], 99, ["x"], [X], StudyDirection.Maximize, false, _ => 1);
        Assert.Equal([0.2], maximize.Best!);
        var best = Complete(0, 0.4, 0.1) with { Params = new Dictionary<string, object?> { ["y"] = 0.5 } };
        Assert.Equal([0.3], Collect([best, Complete(1, 0.3, 1.0), Complete(2, 0.6, 2.0)], 99, false, 1).Best!);
        Assert.Null(Collect([Pruned(0, 0.1, new() { [0] = 1.0 })], 99, false, 1).Best);
    }

    private static TpeObservations Collect(FrozenTrial[] trials, int current, bool constantLiar, int nBelow) =>
        TpeObservations.Collect(trials, current, ["x"], [X], StudyDirection.Minimize, constantLiar, _ => nBelow);

    private static FrozenTrial[] OptunaScenario() =>
    [
        Complete(0, 0.0, 5.0),
        Pruned(1, 0.1, new() { [0] = 1.0, [3] = 0.5 }),
        Complete(2, 0.2, 1.0),
        Pruned(3, 0.3, new() { [0] = 0.2 }),
        Complete(4, 0.4, 3.0),
        Pruned(5, 0.5, []),
        Complete(6, 0.6, 2.0),
        Pruned(7, 0.7, new() { [0] = 9.0, [3] = 0.1 }),
    ];

    private static FrozenTrial Complete(int number, double x, double value) =>
        WithX(FrozenTrial.NewRunning(number, DateTimeOffset.UnixEpoch), x) with { State = TrialState.Complete, Value = value };

    private static FrozenTrial Pruned(int number, double x, Dictionary<long, double> intermediate) =>
        WithX(FrozenTrial.NewRunning(number, DateTimeOffset.UnixEpoch), x) with { State = TrialState.Pruned, IntermediateValues = intermediate };

    private static FrozenTrial WithX(FrozenTrial trial, double x) => trial with
    {
        Params = new Dictionary<string, object?> { ["x"] = x },
        Distributions = new Dictionary<string, ParameterDistribution> { ["x"] = X },
    };
}
