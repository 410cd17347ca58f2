namespace Gyre.Monitoring.InferenceLog;

/// <summary>
/// Ground truth for an earlier request: <paramref name="LabelJson"/> is a JSON value (the true class as a string,
/// or a number for regression). Feedback may arrive before its request's record is written (the log is
/// asynchronous), so it is stored on its own and joined when read. <paramref name="Time"/>: Unix milliseconds.
/// </summary>
public sealed record InferenceFeedback(string Endpoint, string RequestId, string LabelJson, long Time);
