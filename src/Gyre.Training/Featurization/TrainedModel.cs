using Gyre.Training.Scoring;
using Gyre.Training.Specs;
using Gyre.Training.Trainers;
using Microsoft.ML;

namespace Gyre.Training.Featurization;

/// <summary>
/// A fitted model (featurization + trainer) held in memory, with what is needed to score and package it.
/// Immutable; thread-safe for scoring.
/// </summary>
public sealed class TrainedModel
{
    internal TrainedModel(MLContext context, ITransformer transformer, DataViewSchema inputSchema, FeaturePlan plan, LabelMapping labels, ResolvedTrainer trainer)
    {
        Context = context;
        Transformer = transformer;
        InputSchema = inputSchema;
        Plan = plan;
        Labels = labels;
        Trainer = trainer;
        Predictor = new ModelPredictor(transformer, plan.Columns, labels);
    }

    public TaskKind Task => Labels.Task;

    public LabelMapping Labels { get; }

    public ResolvedTrainer Trainer { get; }

    /// <summary>The input columns the model reads, in model order.</summary>
    public IReadOnlyList<SignatureColumn> Signature => Plan.Columns;

    /// <summary>A predictor over this model (the same instance each time).</summary>
    public ModelPredictor Predictor { get; }

    internal MLContext Context { get; }

    internal ITransformer Transformer { get; }

    internal DataViewSchema InputSchema { get; }

    internal FeaturePlan Plan { get; }
}
