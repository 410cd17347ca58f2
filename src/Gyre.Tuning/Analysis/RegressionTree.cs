namespace Gyre.Tuning.Analysis;

/// <summary>A fitted regression tree: node 0 is the root; a row goes left when its feature value ≤ the threshold.</summary>
internal sealed class RegressionTree(IReadOnlyList<RegressionTree.Node> nodes)
{
    /// <summary>The nodes, root first.</summary>
    public IReadOnlyList<Node> Nodes { get; } = nodes;

    /// <summary>One node; a leaf has <see cref="Feature"/> −1.</summary>
    /// <param name="Feature">Split column, or −1 for a leaf.</param>
    /// <param name="Threshold">Rows with value ≤ threshold go left.</param>
    /// <param name="Left">Index of the left child (−1 for a leaf).</param>
    /// <param name="Right">Index of the right child (−1 for a leaf).</param>
    /// <param name="Value">Weighted mean target of the node's rows (the prediction at a leaf).</param>
    /// <param name="ImpurityDecrease">Weighted squared-error decrease of the split (0 for a leaf).</param>
    public sealed record Node(int Feature, double Threshold, int Left, int Right, double Value, double ImpurityDecrease)
    {
        /// <summary>True for a leaf.</summary>
        public bool IsLeaf => Feature < 0;
    }
}
