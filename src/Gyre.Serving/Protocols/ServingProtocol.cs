namespace Gyre.Serving.Protocols;

/// <summary>The request protocols the server speaks (the <c>protocol</c> label of the request metrics).</summary>
public enum ServingProtocol
{
    /// <summary><c>POST /predict/{name}</c>: a JSON object of named features, or an array of them.</summary>
    Predict,

    /// <summary>Open Inference Protocol v2 REST: <c>POST /v2/models/{name}[/versions/{v}]/infer</c>.</summary>
    OpenInference,

    /// <summary>MLflow's scoring protocol: <c>POST /invocations</c>.</summary>
    Invocations,
}
