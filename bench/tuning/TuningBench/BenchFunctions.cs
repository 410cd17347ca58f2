namespace Gyre.Bench.Tuning;

/// <summary>One test function to minimise: its box domain (one (low, high) per dimension) and known minimum.</summary>
internal sealed record BenchFunction(string Name, Func<double[], double> Evaluate, (double Low, double High)[] Bounds, double KnownMinimum)
{
    public int Dimensions => Bounds.Length;
}

/// <summary>
/// The three functions of the benchmark, identical to ../optuna_bench.py: Branin on x1 ∈ [-5, 10], x2 ∈ [0, 15]
/// (f* = 0.397887); Hartmann6 on [0, 1]^6 with the standard α, A, P (f* = -3.32237); Rosenbrock in 10 dimensions on
/// the SFU domain [-5, 10]^10 (f* = 0 at (1, …, 1)).
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

    public static BenchFunction Get(string name) =>
        All.FirstOrDefault(f => f.Name == name) ?? throw new ArgumentException($"unknown function '{name}' (known: {string.Join(", ", All.Select(f => f.Name))})");

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
}
