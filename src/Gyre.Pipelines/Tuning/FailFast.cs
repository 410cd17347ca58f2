using Gyre.Core;
using Gyre.Tuning;

namespace Gyre.Pipelines.Tuning;

/// <summary>
/// Stops a study whose first <see cref="Limit"/> trials in this process all failed (a bad label, data or
/// hyperparameter range fails every trial, and the study-wide budget replaces failed trials, so it would never
/// end). <see cref="Token"/> is the caller's token, also cancelled when tripped. Thread-safe.
/// </summary>
internal sealed class FailFast(CancellationToken outer) : IDisposable
{
    public const int Limit = 5;

    private readonly CancellationTokenSource _source = CancellationTokenSource.CreateLinkedTokenSource(outer);
    private readonly Lock _gate = new();
    private int _finished;
    private int _failed;
    private string? _lastError;
    private bool _tripped;

    public CancellationToken Token => _source.Token;

    public void Record(FrozenTrial trial)
    {
        lock (_gate)
        {
            _finished++;
            if (trial.State == TrialState.Fail)
            {
                _failed++;
                _lastError = trial.ErrorMessage;
            }

            if (_failed == Limit && _finished == Limit)
            {
                _tripped = true;
                _source.Cancel();
            }
        }
    }

    /// <summary>InvalidInput with the last trial error when the study was stopped for failing.</summary>
    public void ThrowIfTripped()
    {
        lock (_gate)
        {
            if (_tripped)
            {
                throw GyreException.InvalidInput($"The first {Limit} trials all failed, so the study stopped; the last error: {_lastError}");
            }
        }
    }

    public void Dispose() => _source.Dispose();
}
