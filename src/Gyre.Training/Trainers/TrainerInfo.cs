using Gyre.Training.Specs;

namespace Gyre.Training.Trainers;

/// <summary>A trainer's catalog entry: name, what it is, the tasks it supports and its hyperparameters.</summary>
public sealed record TrainerInfo(
    string Name,
    string Description,
    IReadOnlyList<TaskKind> Tasks,
    IReadOnlyList<HyperparameterInfo> Hyperparameters);
