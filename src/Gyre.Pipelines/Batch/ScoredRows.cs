using Gyre.Training.Scoring;

namespace Gyre.Pipelines.Batch;

/// <summary>The scored records of one chunk, in input order: record <c>Records[i]</c> of the chunk got <c>Predictions[i]</c>.</summary>
internal sealed record ScoredRows(InputChunk Chunk, BatchFileLayout Layout, IReadOnlyList<int> Records, IReadOnlyList<RowPrediction> Predictions);
