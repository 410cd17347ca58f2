using Gyre.Tuning.Samplers;

namespace Gyre.Tuning.Analysis;

/// <summary>
/// A seeded random forest of regression trees for parameter importance (mean decrease in impurity, or fANOVA on its
/// trees), grown as scikit-learn's <c>RandomForestRegressor(n_estimators, max_depth, min_samples_split=2, min_samples_leaf=1,
/// max_features=1.0, bootstrap=True).feature_importances_</c>: each tree is grown on a bootstrap sample (drawn
/// rows weighted by how often they were drawn), splits minimise the weighted squared error, a node stops splitting at
/// the depth limit, with fewer than two distinct rows or when its values are constant. Same inputs and seed → same trees
/// on every platform.
/// </summary>
internal static class RandomForestRegressor
{
    /// <summary>Grows <paramref name="trees"/> trees on bootstrap samples of the rows (same seed → same trees).</summary>
    public static IReadOnlyList<RegressionTree> Fit(IReadOnlyList<double[]> features, IReadOnlyList<double> targets, int trees, int maxDepth, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentOutOfRangeException.ThrowIfLessThan(trees, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDepth, 1);
        if (features.Count != targets.Count)
            throw new ArgumentException("features and targets need the same number of rows.", nameof(targets));
        if (features.Count == 0) return [];
        var columns = features[0].Length;
        var random = new SplitMix64(seed);
        var forest = new List<RegressionTree>(trees);
        for (var t = 0; t < trees; t++)
        {
            var weights = new double[features.Count];
            for (var i = 0; i < features.Count; i++) weights[random.NextInt64(features.Count)] += 1;
            var rows = Enumerable.Range(0, features.Count).Where(i => weights[i] > 0).ToArray();
            forest.Add(new TreeGrower(features, targets, weights, columns, maxDepth, random).Grow(rows));
        }

        return forest;
    }

    /// <summary>
    /// Mean decrease in impurity per column (summing to 1), or all zeros when no tree split (e.g. constant targets).
    /// </summary>
    public static double[] MeanDecreaseImpurity(IReadOnlyList<RegressionTree> forest, int columns)
    {
        ArgumentNullException.ThrowIfNull(forest);
        var total = new double[columns];
        var splittingTrees = 0;
        foreach (var tree in forest)
        {
            var importances = new double[columns];
            foreach (var node in tree.Nodes)
                if (!node.IsLeaf) importances[node.Feature] += node.ImpurityDecrease;
            var sum = importances.Sum();
            if (!(sum > 0)) continue;
            splittingTrees++;
            for (var c = 0; c < columns; c++) total[c] += importances[c] / sum;
        }

        if (splittingTrees == 0) return total;
        var grand = total.Sum();
        for (var c = 0; c < columns; c++) total[c] /= grand;
        return total;
    }

    /// <summary>Grows one tree and accumulates its unnormalised impurity decreases per feature.</summary>
    private sealed class TreeGrower(IReadOnlyList<double[]> x, IReadOnlyList<double> y, double[] w, int columns, int maxDepth, SplitMix64 random)
    {
        private const double FeatureThreshold = 1e-7;
        private readonly List<RegressionTree.Node> _nodes = [];

        public RegressionTree Grow(int[] rows)
        {
            Split(rows, 0);
            return new RegressionTree(_nodes);
        }

        /// <summary>Adds the node for <paramref name="rows"/> (and its subtree); returns its index.</summary>
        private int Split(int[] rows, int depth)
        {
            var index = _nodes.Count;
            var leaf = new RegressionTree.Node(-1, 0, -1, -1, Mean(rows), 0);
            _nodes.Add(leaf);
            if (depth >= maxDepth || rows.Length < 2) return index;
            var (weight, impurity) = Stats(rows);
            var mean = Mean(rows);
            if (impurity <= 1e-14 * (1 + mean * mean)) return index; // constant up to rounding

            var bestProxy = double.NegativeInfinity;
            var bestFeature = -1;
            var bestThreshold = 0.0;
            foreach (var feature in Permutation())
            {
                var sorted = rows.OrderBy(r => x[r][feature]).ThenBy(r => r).ToArray();
                double totalW = 0, totalS = 0;
                foreach (var r in sorted) { totalW += w[r]; totalS += w[r] * y[r]; }
                double leftW = 0, leftS = 0;
                for (var i = 0; i < sorted.Length - 1; i++)
                {
                    leftW += w[sorted[i]];
                    leftS += w[sorted[i]] * y[sorted[i]];
                    var here = x[sorted[i]][feature];
                    var next = x[sorted[i + 1]][feature];
                    if (next <= here + FeatureThreshold) continue;
                    var rightW = totalW - leftW;
                    var rightS = totalS - leftS;
                    var proxy = leftS * leftS / leftW + rightS * rightS / rightW;
                    if (proxy > bestProxy)
                    {
                        bestProxy = proxy;
                        bestFeature = feature;
                        bestThreshold = here / 2 + next / 2;
                    }
                }
            }

            if (bestFeature < 0) return index;
            var left = rows.Where(r => x[r][bestFeature] <= bestThreshold).ToArray();
            var right = rows.Where(r => x[r][bestFeature] > bestThreshold).ToArray();
            var (leftWeight, leftImpurity) = Stats(left);
            var (rightWeight, rightImpurity) = Stats(right);
            var decrease = weight * impurity - leftWeight * leftImpurity - rightWeight * rightImpurity;
            var leftIndex = Split(left, depth + 1);
            var rightIndex = Split(right, depth + 1);
            _nodes[index] = leaf with { Feature = bestFeature, Threshold = bestThreshold, Left = leftIndex, Right = rightIndex, ImpurityDecrease = Math.Max(0, decrease) };
            return index;
        }

        private int[] Permutation()
        {
            var order = Enumerable.Range(0, columns).ToArray();
            for (var i = order.Length - 1; i > 0; i--)
            {
                var j = (int)random.NextInt64(i + 1);
                (order[i], order[j]) = (order[j], order[i]);
            }

            return order;
        }

        private double Mean(int[] rows)
        {
            double sw = 0, s = 0;
            foreach (var r in rows) { sw += w[r]; s += w[r] * y[r]; }
            return s / sw;
        }

        /// <summary>Total weight and weighted variance (two passes, so a constant node is exactly 0).</summary>
        private (double Weight, double Impurity) Stats(int[] rows)
        {
            var mean = Mean(rows);
            double sw = 0, ss = 0;
            foreach (var r in rows)
            {
                sw += w[r];
                var d = y[r] - mean;
                ss += w[r] * d * d;
            }

            return (sw, ss / sw);
        }
    }
}
