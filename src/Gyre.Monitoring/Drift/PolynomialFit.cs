namespace Gyre.Monitoring.Drift;

/// <summary>
/// Least-squares polynomial fit as <c>numpy.polyfit(x, y, 2)</c>: columns of the Vandermonde matrix scaled to
/// unit norm, solved by Householder QR (numpy uses an SVD; both are backward stable, so the coefficients agree
/// to rounding for well-conditioned data). Thread-safe (no state).
/// </summary>
internal static class PolynomialFit
{
    /// <summary>Coefficients [c₂, c₁, c₀] (highest power first, as numpy) of the quadratic minimising Σ (y − p(x))².</summary>
    public static double[] Quadratic(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        const int columns = 3;
        var rows = x.Count;
        var matrix = new double[rows, columns];
        var scale = new double[columns];
        for (var r = 0; r < rows; r++)
        {
            matrix[r, 0] = x[r] * x[r];
            matrix[r, 1] = x[r];
            matrix[r, 2] = 1.0;
        }

        for (var col = 0; col < columns; col++)
        {
            var norm = 0.0;
            for (var r = 0; r < rows; r++)
            {
                norm += matrix[r, col] * matrix[r, col];
            }

            scale[col] = Math.Sqrt(norm);
            for (var r = 0; r < rows; r++)
            {
                matrix[r, col] /= scale[col];
            }
        }

        var rhs = y.ToArray();
        for (var col = 0; col < columns; col++)
        {
            var norm = 0.0;
            for (var r = col; r < rows; r++)
            {
                norm += matrix[r, col] * matrix[r, col];
            }

            norm = Math.Sqrt(norm);
            var alpha = matrix[col, col] > 0 ? -norm : norm;
            var v = new double[rows];
            v[col] = matrix[col, col] - alpha;
            for (var r = col + 1; r < rows; r++)
            {
                v[r] = matrix[r, col];
            }

            var vNorm = 0.0;
            for (var r = col; r < rows; r++)
            {
                vNorm += v[r] * v[r];
            }

            for (var other = col; other < columns; other++)
            {
                ReflectColumn(matrix, other, v, vNorm, col, rows);
            }

            var dot = 0.0;
            for (var r = col; r < rows; r++)
            {
                dot += v[r] * rhs[r];
            }

            for (var r = col; r < rows; r++)
            {
                rhs[r] -= 2 * dot / vNorm * v[r];
            }
        }

        var coefficients = new double[columns];
        for (var col = columns - 1; col >= 0; col--)
        {
            var sum = rhs[col];
            for (var other = col + 1; other < columns; other++)
            {
                sum -= matrix[col, other] * coefficients[other];
            }

            coefficients[col] = sum / matrix[col, col];
        }

        for (var col = 0; col < columns; col++)
        {
            coefficients[col] /= scale[col];
        }

        return coefficients;
    }

    private static void ReflectColumn(double[,] matrix, int column, double[] v, double vNorm, int start, int rows)
    {
        var dot = 0.0;
        for (var r = start; r < rows; r++)
        {
            dot += v[r] * matrix[r, column];
        }

        for (var r = start; r < rows; r++)
        {
            matrix[r, column] -= 2 * dot / vNorm * v[r];
        }
    }
}
