namespace Gyre.Tuning.Analysis;

/// <summary>
/// fANOVA on fitted regression trees, as Optuna 3.1's <c>_fanova</c>: each tree cuts the search space (the box
/// <c>bounds</c>) into leaf boxes; its total variance is the variance of the leaf values weighted by box volume. For a
/// group of columns (one parameter: one column, or a categorical's indicator columns), the tree's split thresholds on
/// those columns cut their sub-box into cells; the prediction marginalised over all other columns is constant on a
/// cell, and the variance of that marginal (weighted by cell size) over the total variance is the tree's share. A
/// parameter's importance is the mean share over the trees whose variance is positive.
/// </summary>
/// <remarks>The cells of a group are the product of its columns' intervals, so a categorical with k choices costs up to 2^k cells per tree (as in Optuna).</remarks>
internal static class FanovaDecomposition
{
    /// <summary>The importance of each group of columns (not normalised), in the order of <paramref name="groups"/>.</summary>
    public static double[] Importances(IReadOnlyList<RegressionTree> forest, IReadOnlyList<(double Low, double High)> bounds, IReadOnlyList<int[]> groups)
    {
        // Trees are independent: computed in parallel, summed in tree order (same result on any core count).
        var shares = new double[forest.Count][];
        Parallel.For(0, forest.Count, t =>
        {
            var leaves = LeafBoxes(forest[t], bounds);
            var total = Variance(leaves.Select(l => (l.Value, Volume(l, bounds, except: null))).ToList());
            if (total > 0) shares[t] = groups.Select(g => MarginalVariance(forest[t], leaves, bounds, g) / total).ToArray();
        });
        var sums = new double[groups.Count];
        var counted = 0;
        foreach (var tree in shares)
        {
            if (tree is null) continue;
            counted++;
            for (var g = 0; g < groups.Count; g++) sums[g] += tree[g];
        }

        if (counted > 0)
            for (var g = 0; g < groups.Count; g++) sums[g] /= counted;
        return sums;
    }

    private sealed record Leaf(double[] Low, double[] High, double Value);

    private static List<Leaf> LeafBoxes(RegressionTree tree, IReadOnlyList<(double Low, double High)> bounds)
    {
        var leaves = new List<Leaf>();
        var stack = new Stack<(int Node, double[] Low, double[] High)>();
        stack.Push((0, bounds.Select(b => b.Low).ToArray(), bounds.Select(b => b.High).ToArray()));
        while (stack.Count > 0)
        {
            var (index, low, high) = stack.Pop();
            var node = tree.Nodes[index];
            if (node.IsLeaf)
            {
                leaves.Add(new Leaf(low, high, node.Value));
                continue;
            }

            var leftHigh = (double[])high.Clone();
            leftHigh[node.Feature] = Math.Min(high[node.Feature], node.Threshold);
            var rightLow = (double[])low.Clone();
            rightLow[node.Feature] = Math.Max(low[node.Feature], node.Threshold);
            stack.Push((node.Right, rightLow, high));
            stack.Push((node.Left, low, leftHigh));
        }

        return leaves;
    }

    /// <summary>Volume of the leaf's box over the columns not in <paramref name="except"/>; columns whose bounds are a point count as 1.</summary>
    private static double Volume(Leaf leaf, IReadOnlyList<(double Low, double High)> bounds, HashSet<int>? except)
    {
        var volume = 1.0;
        for (var c = 0; c < bounds.Count; c++)
        {
            if (except is not null && except.Contains(c)) continue;
            if (bounds[c].High > bounds[c].Low) volume *= Math.Max(0, leaf.High[c] - leaf.Low[c]);
        }

        return volume;
    }

    private static double MarginalVariance(RegressionTree tree, List<Leaf> leaves, IReadOnlyList<(double Low, double High)> bounds, int[] group)
    {
        var members = group.ToHashSet();
        var midpoints = new List<double[]>();
        var sizes = new List<double[]>();
        foreach (var column in group)
        {
            var cuts = tree.Nodes.Where(n => !n.IsLeaf && n.Feature == column).Select(n => n.Threshold).Distinct().Order().ToList();
            var edges = new List<double> { bounds[column].Low };
            edges.AddRange(cuts);
            edges.Add(bounds[column].High);
            midpoints.Add(Enumerable.Range(0, edges.Count - 1).Select(i => 0.5 * (edges[i] + edges[i + 1])).ToArray());
            sizes.Add(Enumerable.Range(0, edges.Count - 1).Select(i => edges[i + 1] - edges[i]).ToArray());
        }

        var otherVolumes = leaves.Select(l => Volume(l, bounds, members)).ToArray();
        var cells = new List<(double Value, double Weight)>();
        var position = new int[group.Length];
        while (true)
        {
            double weightSum = 0, valueSum = 0;
            for (var l = 0; l < leaves.Count; l++)
            {
                var inside = true;
                for (var k = 0; k < group.Length && inside; k++)
                {
                    var x = midpoints[k][position[k]];
                    inside = leaves[l].Low[group[k]] <= x && x <= leaves[l].High[group[k]];
                }

                if (!inside) continue;
                weightSum += otherVolumes[l];
                valueSum += otherVolumes[l] * leaves[l].Value;
            }

            var size = 1.0;
            for (var k = 0; k < group.Length; k++)
                if (bounds[group[k]].High > bounds[group[k]].Low) size *= sizes[k][position[k]];
            if (weightSum > 0) cells.Add((valueSum / weightSum, size * weightSum));

            var d = 0;
            while (d < group.Length && ++position[d] == midpoints[d].Length) position[d++] = 0;
            if (d == group.Length) break;
        }

        return Variance(cells);
    }

    private static double Variance(List<(double Value, double Weight)> points)
    {
        var weight = points.Sum(p => p.Weight);
        if (!(weight > 0)) return 0;
        var mean = points.Sum(p => p.Value * p.Weight) / weight;
        return points.Sum(p => p.Weight * (p.Value - mean) * (p.Value - mean)) / weight;
    }
}
