using Gyre.Core;
using Gyre.Pipelines.Definitions;

namespace Gyre.Cli.Tests.Pipelines;

/// <summary>Pipeline files are checked before anything runs: stages from the DAG, and every error naming the line.</summary>
public sealed class PipelineYamlTests
{
    private const string Source = "retrain.yaml";

    private const string Valid = """
        name: retrain-fraud
        params:
          data: fresh.csv
          model: fraud
        steps:
          check:
            kind: data.validate
            with: { data: "${params.data}" }
          train:
            kind: train
            with:
              data: "${params.data}"
              label: is_fraud
            needs: check
            retries: 2
            timeout: 1h30m
          report:
            kind: monitor.report
            with: { model: "${params.model}@champion", current: "${params.data}" }
          register:
            kind: register
            with: { name: "${params.model}", run: "${steps.train.outputs.run_id}" }
          promote:
            kind: promote
            with: { name: "${params.model}", policy: policy.yaml, eval: "${params.data}", challenger: "${steps.register.outputs.version}" }
        """;

    [Fact]
    public void Read_ValidPipeline_GivesStagesOfIndependentSteps()
    {
        var pipeline = PipelineYaml.Read(Valid, Source);

        Assert.Equal("retrain-fraud", pipeline.Name);
        Assert.Equal([["check", "report"], ["train"], ["register"], ["promote"]], pipeline.Stages.Select(s => s.ToArray()));
        var train = pipeline.Step("train");
        Assert.Equal(["check"], train.DependsOn);
        Assert.Equal(2, train.Retries);
        Assert.Equal(TimeSpan.FromMinutes(90), train.Timeout);
        Assert.Equal(9, train.Line);
        Assert.Equal(["register"], pipeline.Step("promote").DependsOn);
        Assert.True(train.Cache, "train steps are cached unless told otherwise");
        Assert.False(pipeline.Step("register").Cache, "register has side effects: not cached");
        Assert.Equal("fraud@champion", pipeline.Step("report").With["model"].Resolve(r => pipeline.Parameters[r.Name].Text));
    }

    [Theory]
    [InlineData("kind: data.validate", "kind: data.check", "line 7", "unknown kind 'data.check'")]
    [InlineData("with: { data: \"${params.data}\" }", "with: { data: \"${params.dataset}\" }", "line 8", "'${params.dataset}' names no parameter")]
    [InlineData("run: \"${steps.train.outputs.run_id}\"", "run: \"${steps.train.outputs.model_id}\"", "line 22", "a train step has no output 'model_id'; its outputs are: run_id, model")]
    [InlineData("run: \"${steps.train.outputs.run_id}\"", "run: \"${steps.trian.outputs.run_id}\"", "line 22", "unknown step 'trian'")]
    [InlineData("run: \"${steps.train.outputs.run_id}\"", "run: \"${steps.train.run_id}\"", "line 22", "is not a reference")]
    [InlineData("needs: check", "needs: [check, nope]", "line 9", "needs unknown step 'nope'")]
    [InlineData("retries: 2", "retries: many", "line 15", "'retries' must be an integer")]
    [InlineData("timeout: 1h30m", "timeout: soon", "line 16", "'timeout' must be a duration")]
    [InlineData("timeout: 1h30m", "timeout: 1h30m\n    cache: maybe", "line 17", "'cache' must be true or false")]
    [InlineData("label: is_fraud", "labels: is_fraud", "line 13", "unknown key 'labels'")]
    [InlineData("policy: policy.yaml, ", "", "line 23", "missing input(s): policy")]
    public void Read_BrokenPipeline_FailsNamingTheLine(string find, string replace, string line, string message)
    {
        Assert.Contains(find, Valid, StringComparison.Ordinal);

        var error = Assert.Throws<GyreException>(() => PipelineYaml.Read(Valid.Replace(find, replace, StringComparison.Ordinal), Source));

        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
        Assert.Contains($"{Source} {line}", error.Message, StringComparison.Ordinal);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_Cycle_NamesEveryStepOfItWithItsLine()
    {
        var cyclic = Valid.Replace("needs: check", "needs: [check, promote]", StringComparison.Ordinal);

        var error = Assert.Throws<GyreException>(() => PipelineYaml.Read(cyclic, Source));

        Assert.Contains("the steps form a cycle (each needs the next): train (line 9) → promote (line 23) → register (line 20) → train (line 9)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TrainWithoutSpecOrDataAndLabel_NamesWhatIsMissing()
    {
        var error = Assert.Throws<GyreException>(() => PipelineYaml.Read(Valid.Replace("label: is_fraud", "task: binary", StringComparison.Ordinal), Source));

        Assert.Contains("step 'train' (train) is missing input(s): spec (or data and label)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_InvalidYaml_NamesTheLine()
    {
        var error = Assert.Throws<GyreException>(() => PipelineYaml.Read("name: x\nsteps:\n  a: [unclosed\n", Source));

        Assert.Contains($"{Source} line", error.Message, StringComparison.Ordinal);
        Assert.Contains("invalid YAML", error.Message, StringComparison.Ordinal);
    }
}
