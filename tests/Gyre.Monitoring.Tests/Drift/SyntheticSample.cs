namespace Gyre.Monitoring.Tests.Drift;

/// <summary>
/// Deterministic samples with ties that Python reproduces bit for bit:
/// value_i = ((i·step + offset) mod modulus) / divisor + shift, for i in 0..count−1.
/// The known-answer scripts build the same arrays with
/// <c>np.array([((i*a + b) % m) / s + shift for i in range(n)], dtype=float)</c>.
/// </summary>
internal static class SyntheticSample
{
    public static double[] Create(int count, int step, int offset, int modulus, double divisor, double shift)
    {
        var values = new double[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = ((((long)i * step) + offset) % modulus / divisor) + shift;
        }

        return values;
    }
}
