namespace Gyre.Bench.Tuning;

/// <summary>
/// One test function to minimise: its box domain (one (low, high) per dimension) and known minimum. <paramref name="NoiseSd"/>
/// &gt; 0 makes it noisy: the sampler sees <c>Evaluate(x) + N(0, NoiseSd²)</c> (drawn by <see cref="FunctionRun"/>),
/// while the run's best values are the noise-free <c>Evaluate(x)</c> of the trial with the lowest observed value.
/// </summary>
internal sealed record BenchFunction(string Name, Func<double[], double> Evaluate, (double Low, double High)[] Bounds, double KnownMinimum, double NoiseSd = 0)
{
    public int Dimensions => Bounds.Length;
}

/// <summary>
/// The functions of the benchmark, identical to ../optuna_bench.py. <see cref="All"/> is the default set, the three goal
/// functions: Branin on x1 ∈ [-5, 10], x2 ∈ [0, 15] (f* = 0.397887); Hartmann6 on [0, 1]^6 with the standard α, A, P
/// (f* = -3.32237); Rosenbrock in 10 dimensions on the SFU domain [-5, 10]^10 (f* = 0 at (1, …, 1)).
/// <see cref="Extras"/> run only when named with <c>--functions</c>: Ackley-5 on [-32.768, 32.768]^5, Rastrigin-5 on
/// [-5.12, 5.12]^5 (both f* = 0 at 0), Styblinski–Tang-5 on [-5, 5]^5 (f* = -39.16617 × 5) and Hartmann6 observed
/// through Gaussian noise of sd 0.3.
/// </summary>
internal static class BenchFunctions
{
    private static readonly double[] HartmannAlpha = [1.0, 1.2, 3.0, 3.2];

    private static readonly double[,] HartmannA =
    {
        { 10, 3, 17, 3.5, 1.7, 8 },
        { 0.05, 10, 17, 0.1, 8, 14 },
        { 3, 3.5, 1.7, 10, 17, 8 },
        { 17, 8, 0.05, 10, 0.1, 14 },
    };

    private static readonly double[,] HartmannP =
    {
        { 1312, 1696, 5569, 124, 8283, 5886 },
        { 2329, 4135, 8307, 3736, 1004, 9991 },
        { 2348, 1451, 3522, 2883, 3047, 6650 },
        { 4047, 8828, 8732, 5743, 1091, 381 },
    };

    public static IReadOnlyList<BenchFunction> All { get; } =
    [
        new("branin", Branin, [(-5, 10), (0, 15)], 0.397887),
        new("hartmann6", Hartmann6, [.. Enumerable.Repeat((0.0, 1.0), 6)], -3.32237),
        new("rosenbrock10", Rosenbrock, [.. Enumerable.Repeat((-5.0, 10.0), 10)], 0),
    ];

    /// <summary>Functions outside the default set and outside the goal: multimodal ones and a noisy one.</summary>
    public static IReadOnlyList<BenchFunction> Extras { get; } =
    [
        new("ackley5", Ackley, [.. Enumerable.Repeat((-32.768, 32.768), 5)], 0),
        new("rastrigin5", Rastrigin, [.. Enumerable.Repeat((-5.12, 5.12), 5)], 0),
        new("styblinski5", StyblinskiTang, [.. Enumerable.Repeat((-5.0, 5.0), 5)], -39.16616570377142 * 5),
        new("hartmann6_noisy", Hartmann6, [.. Enumerable.Repeat((0.0, 1.0), 6)], -3.32237, NoiseSd: 0.3),
    ];

    public static BenchFunction Get(string name) =>
        All.Concat(Extras).FirstOrDefault(f => f.Name == name)
        ?? throw new ArgumentException($"unknown function '{name}' (known: {string.Join(", ", All.Concat(Extras).Select(f => f.Name))})");

    public static double Branin(double[] x)
    {
        const double A = 1, R = 6, S = 10;
        const double B = 5.1 / (4 * Math.PI * Math.PI), C = 5 / Math.PI, T = 1 / (8 * Math.PI);
        var inner = x[1] - (B * x[0] * x[0]) + (C * x[0]) - R;
        return (A * inner * inner) + (S * (1 - T) * Math.Cos(x[0])) + S;
    }

    public static double Hartmann6(double[] x)
    {
        var total = 0.0;
        for (var i = 0; i < 4; i++)
        {
            var inner = 0.0;
            for (var j = 0; j < 6; j++)
            {
                var d = x[j] - (HartmannP[i, j] * 1e-4);
                inner += HartmannA[i, j] * d * d;
            }

            total += HartmannAlpha[i] * Math.Exp(-inner);
        }

        return -total;
    }

    public static double Rosenbrock(double[] x)
    {
        var total = 0.0;
        for (var i = 0; i < x.Length - 1; i++)
        {
            var a = x[i + 1] - (x[i] * x[i]);
            var b = 1 - x[i];
            total += (100 * a * a) + (b * b);
        }

        return total;
    }

    /// <summary>Ackley: −20 exp(−0.2 √(mean x²)) − exp(mean cos 2πx) + 20 + e.</summary>
    public static double Ackley(double[] x)
    {
        var squares = 0.0;
        var cosines = 0.0;
        foreach (var v in x)
        {
            squares += v * v;
            cosines += Math.Cos(2 * Math.PI * v);
        }

        return (-20 * Math.Exp(-0.2 * Math.Sqrt(squares / x.Length))) - Math.Exp(cosines / x.Length) + 20 + Math.E;
    }

    /// <summary>Rastrigin: 10 d + Σ (x² − 10 cos 2πx).</summary>
    public static double Rastrigin(double[] x)
    {
        var total = 10.0 * x.Length;
        foreach (var v in x) total += (v * v) - (10 * Math.Cos(2 * Math.PI * v));
        return total;
    }

    /// <summary>Styblinski–Tang: Σ (x⁴ − 16 x² + 5 x) / 2.</summary>
    public static double StyblinskiTang(double[] x)
    {
        var total = 0.0;
        foreach (var v in x) total += (v * v * v * v) - (16 * v * v) + (5 * v);
        return total / 2;
    }
}
