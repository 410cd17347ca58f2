using System.Globalization;
using Gyre.Data.Synthetic;

namespace Gyre.Cli.Commands.Init;

/// <summary>
/// The text files of a scaffolded project other than the CI files (<see cref="CiFiles"/>): the training spec, the
/// pipeline, the promotion policy, the tool manifest, .gitignore and the README. Paths come from
/// <see cref="ProjectLayout"/>; the label is the fraud generator's.
/// </summary>
public static class ProjectTemplates
{
    /// <summary>A small, fast LightGBM binary spec (docs/training-spec.md); its data path is relative to the spec.</summary>
    public static string TrainSpec(string name) => $"""
        # Training spec (docs/training-spec.md). `gyre train --spec {ProjectLayout.TrainSpec}` trains it on its own;
        # the pipeline passes the data file explicitly so that new data reruns the cached step.
        data: {ProjectLayout.TrainData}
        experiment: {name}
        label: {FraudTransactionGenerator.LabelColumn}
        task: binary
        trainer: lightgbm
        hyperparameters:
          num_leaves: 15
          learning_rate: 0.1
          n_estimators: 60
        seed: 42
        validation:
          holdout_fraction: 0.2
          folds: 3
        """ + "\n";

    /// <summary>
    /// The pipeline (docs/pipelines.md): validate both files against the schema, train, evaluate on the holdout,
    /// register as challenger, promote to champion through the policy on the holdout (a refusal fails the run).
    /// </summary>
    public static string Pipeline(string name) => $$"""
        # Pipeline (docs/pipelines.md): `gyre pipeline validate {{ProjectLayout.Pipeline}}`, then
        # `gyre pipeline run {{ProjectLayout.Pipeline}}` (override a parameter with --param NAME=VALUE).
        name: {{name}}
        params:
          train_data: {{ProjectLayout.TrainData}}
          holdout: {{ProjectLayout.HoldoutData}}
          model: {{name}}
        steps:
          validate_train:
            kind: data.validate
            with: { data: "${params.train_data}", schema: {{ProjectLayout.Schema}} }
          validate_holdout:
            kind: data.validate
            with: { data: "${params.holdout}", schema: {{ProjectLayout.Schema}} }
          train:
            kind: train
            with: { spec: {{ProjectLayout.TrainSpec}}, data: "${params.train_data}" }
            needs: validate_train
          evaluate:
            kind: evaluate
            with: { model: "${steps.train.outputs.model}", data: "${params.holdout}" }
            needs: validate_holdout
          register:
            kind: register
            with: { name: "${params.model}", run: "${steps.train.outputs.run_id}", alias: challenger }
            needs: evaluate
          promote:
            kind: promote
            with: { name: "${params.model}", policy: {{ProjectLayout.Policy}}, eval: "${params.holdout}", challenger: challenger, required: "true" }
            needs: register
        """ + "\n";

    /// <summary>A promotion policy (docs/registry.md, "Promotion gates") that holds for an equal or better challenger.</summary>
    public static string Policy() => """
        # Promotion policy (docs/registry.md, "Promotion gates"). The pipeline's promote step scores the champion and
        # the challenger on the holdout file and moves 'champion' only when every rule holds; the first version has
        # no champion to beat and becomes champion.
        primary_metric: roc_auc
        min_improvement: 0          # not worse than the champion on the holdout
        max_regression:
          recall: 0.05
          log_loss: 0.05
        require_compatible_signature: true
        """ + "\n";

    /// <summary>A local-tool manifest pinning the gyre CLI that wrote the project.</summary>
    public static string ToolManifest(string version) => $$"""
        {
          "version": 1,
          "isRoot": true,
          "tools": {
            "gyre": {
              "version": "{{version}}",
              "commands": [ "gyre" ],
              "rollForward": false
            }
          }
        }
        """ + "\n";

    public static string GitIgnore() => $"""
        # gyre's workspace (runs, models, registry) and the CI's SDK and NuGet folders
        {CiPlan.Home}/
        .dotnet-home/
        .nuget/
        """ + "\n";

    /// <summary>The project's README: layout, running it locally as the CI does, and what to change first.</summary>
    public static string Readme(string name, long trainRows, long holdoutRows, string version, IReadOnlyList<CiCommand> commands)
    {
        ArgumentNullException.ThrowIfNull(commands);
        var steps = string.Join("\n", commands.Select(c => c.Line));
        var rows = trainRows.ToString(CultureInfo.InvariantCulture);
        var holdout = holdoutRows.ToString(CultureInfo.InvariantCulture);
        return $"""
            # {name}

            A model project scaffolded by `gyre init {name}`: a binary classifier of card fraud (label
            `{FraudTransactionGenerator.LabelColumn}`), trained, evaluated and promoted by a Gyre pipeline, locally and in CI.

            | file | what it is |
            | --- | --- |
            | `{ProjectLayout.TrainSpec}` | the training spec: LightGBM, binary, small and fast |
            | `{ProjectLayout.Schema}` | the data schema (inferred from the sample data) that `data.validate` checks files against |
            | `{ProjectLayout.Pipeline}` | the pipeline: validate data → train → evaluate on the holdout → register as `challenger` → promote to `champion` |
            | `{ProjectLayout.Policy}` | the promotion policy the `promote` step applies (a refusal fails the pipeline) |
            | `{ProjectLayout.TrainData}` | {rows} synthetic card transactions to train on (`gyre data synth fraud --seed {ProjectLayout.TrainSeed}`) |
            | `{ProjectLayout.HoldoutData}` | {holdout} other transactions (seed {ProjectLayout.HoldoutSeed}) the models are evaluated and compared on |
            | `{ProjectLayout.GitHubWorkflow}`, `{ProjectLayout.GitLabCi}`, `{ProjectLayout.Jenkinsfile}` | CI for GitHub Actions, GitLab CI and Jenkins: the same commands |
            | `{ProjectLayout.ToolManifest}` | pins the gyre CLI ({version}) that `dotnet tool restore` installs |

            ## Run it locally, as the CI does

            With the .NET 10 SDK, from this folder:

            ```sh
            {CiPlan.InstallCommand}
            export {CiPlan.HomeVariable}={CiPlan.Home}    # the workspace: runs, model packages, the registry
            {steps}
            ```

            `dotnet tool restore` installs gyre {version} from your NuGet sources. If they do not have it, pack it from a
            Gyre checkout (`dotnet pack src/Gyre.Cli -c Release -o ~/gyre-feed`) and add that folder as a source
            (`dotnet nuget add source ~/gyre-feed -n gyre`, or a `nuget.config` here for CI). With gyre already on your
            PATH, run the same commands as `gyre ...`.

            Then look around: `gyre pipeline list`, `gyre runs list`, `gyre models show {name}`, `gyre models history {name}`.
            Running the pipeline again trains nothing new (unchanged steps are cached) and registers the same model as the
            next version, which the gate promotes (it is not worse). Change the data, the spec or the policy to see the gate
            decide: a refused promotion fails the `promote` step, the run and the CI job, and `champion` stays where it was.

            ## CI

            Each CI file installs the .NET 10 SDK (actions/setup-dotnet, or the `{CiPlan.SdkImage}` image for GitLab and
            Jenkins), restores the tool, and runs the commands above in the same order with `{CiPlan.HomeVariable}={CiPlan.Home}`;
            the job fails when a step fails (bad data, a failed training, a refused promotion) and keeps `{CiPlan.Home}` as an
            artifact. A fresh CI workspace has no champion, so the first run's model becomes champion; to gate against a
            real champion, point `GYRE_TRACKING_URI` at a shared Gyre server or database.

            ## Next

            Replace `{ProjectLayout.TrainData}` and `{ProjectLayout.HoldoutData}` with your data, then regenerate the schema with
            `gyre data schema {ProjectLayout.TrainData} -o {ProjectLayout.Schema}`, and set `label` in `{ProjectLayout.TrainSpec}`.
            """ + "\n";
    }
}
