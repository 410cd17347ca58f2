namespace Gyre.Serving.Protocols;

/// <summary>The outputs an Open Inference Protocol response can carry (named as the package manifest names them).</summary>
[Flags]
public enum OipOutputs
{
    None = 0,

    /// <summary><c>predicted_label</c> (BYTES [N]): classification.</summary>
    PredictedLabel = 1,

    /// <summary><c>probability</c> (FP64 [N]): binary positive-class or multiclass top-class probability.</summary>
    Probability = 2,

    /// <summary><c>class_probabilities</c> (FP64 [N, C]): multiclass.</summary>
    ClassProbabilities = 4,

    /// <summary><c>prediction</c> (FP64 [N]): regression.</summary>
    Prediction = 8,
}
