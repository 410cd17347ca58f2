using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;

namespace Gyre.Training.Validation;

/// <summary>
/// A fitted boosted tree ensemble (LightGBM or FastTree, binary or regression) copied out of ML.NET's public
/// tree API into flat arrays, so that the raw score can be accumulated one tree at a time. The raw score of a
/// row is <c>Bias + Σ TreeWeights[t] · tree_t(row)</c>; ML.NET itself sums the trees' leaf values in order in
/// double precision and rounds to float once, which this matches exactly when the weights are 1 and the bias 0
/// (what both trainers produce).
/// </summary>
/// <remarks>
/// Traversal follows ML.NET's <c>InternalRegressionTree.GetLeaf</c>: at node <c>n</c> a numerical split goes to
/// <c>LeftChild[n]</c> (the "less than or equal" child) when <c>feature &lt;= threshold</c> and to
/// <c>RightChild[n]</c> otherwise (so NaN goes right); a categorical split goes right when any of its listed slots
/// is &gt; 0, else left. A negative child <c>c</c> is leaf <c>~c</c>. A tree without nodes outputs 0. Not
/// reproduced: LightGBM's per-node default values for NaN features, which the public API does not expose —
/// Gyre's featurization imputes missing numbers, so the features never hold NaN, and the caller's self-check
/// against ML.NET's own scores catches any other divergence. Immutable; thread-safe.
/// </remarks>
internal sealed class BoostedTreeEnsemble
{
    private readonly FlatTree[] _trees;
    private readonly double[] _weights;

    // For Score: every node of every tree in one array (children index it; a negative child c is leaf ~c of
    // _packedLeaves), null when a tree has a categorical split (Score then walks the trees one by one).
    private readonly PackedNode[]? _packedNodes;
    private readonly int[] _packedRoots = [];
    private readonly double[] _packedLeaves = [];

    private BoostedTreeEnsemble(FlatTree[] trees, double[] weights, double bias, ICalibrator? calibrator)
    {
        _trees = trees;
        _weights = weights;
        Bias = bias;
        Calibrator = calibrator;
        var nodes = new List<PackedNode>();
        var leaves = new List<double>();
        var roots = new int[trees.Length];
        for (var t = 0; t < trees.Length; t++)
        {
            if (!trees[t].TryPack(nodes, leaves, out roots[t]))
            {
                return;
            }
        }

        _packedNodes = [.. nodes];
        _packedRoots = roots;
        _packedLeaves = [.. leaves];
    }

    /// <summary>Number of trees = boosting iterations (one tree per iteration for binary and regression).</summary>
    public int TreeCount => _trees.Length;

    public double Bias { get; }

    /// <summary>The binary model's score → probability map; null for regression.</summary>
    public ICalibrator? Calibrator { get; }

    /// <summary>
    /// The ensemble of the fitted model's final predictor when it is a LightGBM or FastTree binary (calibrated)
    /// or regression predictor whose trees this class can evaluate; null otherwise.
    /// </summary>
    public static BoostedTreeEnsemble? Find(ITransformer transformer)
    {
        var last = transformer is IEnumerable<ITransformer> chain ? chain.LastOrDefault() : transformer;
        return (last as IPredictionTransformer<object>)?.Model switch
        {
            CalibratedModelParametersBase<LightGbmBinaryModelParameters, PlattCalibrator> lightGbm => From(lightGbm.SubModel.TrainedTreeEnsemble, lightGbm.Calibrator),
            CalibratedModelParametersBase<FastTreeBinaryModelParameters, PlattCalibrator> fastTree => From(fastTree.SubModel.TrainedTreeEnsemble, fastTree.Calibrator),
            LightGbmRegressionModelParameters lightGbm => From(lightGbm.TrainedTreeEnsemble, null),
            FastTreeRegressionModelParameters fastTree => From(fastTree.TrainedTreeEnsemble, null),
            _ => null,
        };
    }

    /// <summary>
    /// The tree ensemble and calibrator that end <paramref name="transformer"/>, for scoring without ML.NET's row
    /// mapper (<see cref="Scoring.RowScoringEngine"/>): what <see cref="Find"/> finds, plus a FastForest binary
    /// model followed by the Platt calibrator Gyre appends. Only ensembles ML.NET scores as a plain sum (every tree
    /// weight 1, bias 0: <see cref="Score"/> is then ML.NET's Score bit for bit); null for anything else.
    /// </summary>
    public static BoostedTreeEnsemble? FindForScoring(ITransformer transformer)
    {
        var chain = Flatten(transformer).ToList();
        var ensemble = chain.Count >= 2
            && (chain[^1] as IPredictionTransformer<object>)?.Model is PlattCalibrator platt
            && (chain[^2] as IPredictionTransformer<object>)?.Model is FastForestBinaryModelParameters forest
                ? From(forest.TrainedTreeEnsemble, platt)
                : Find(chain.Count > 0 ? chain[^1] : transformer);
        return ensemble is not null && ensemble.Bias == 0 && ensemble._weights.All(w => w == 1) ? ensemble : null;
    }

    /// <summary>
    /// ML.NET's raw Score of a dense feature row: the trees' leaf values summed in order in double precision, rounded
    /// to float once (valid for ensembles from <see cref="FindForScoring"/>). <paramref name="row"/> must hold at
    /// least <see cref="SlotsRead"/> slots.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public float Score(ReadOnlySpan<float> row)
    {
        var sum = 0.0;
        if (_packedNodes is not { } nodes)
        {
            foreach (var tree in _trees)
            {
                sum += tree.Output(row);
            }

            return (float)sum;
        }

        foreach (var root in _packedRoots)
        {
            if (root < 0)
            {
                sum += 0.0;
                continue;
            }

            var node = root;
            do
            {
                ref readonly var split = ref nodes[node];
                node = row[split.Slot] <= split.Threshold ? split.LteChild : split.GtChild;
            }
            while (node >= 0);
            sum += _packedLeaves[~node];
        }

        return (float)sum;
    }

    /// <summary>A numerical split in the packed arrays: go to <see cref="LteChild"/> when the slot's value &lt;= threshold (NaN goes right).</summary>
    private readonly record struct PackedNode(int Slot, float Threshold, int LteChild, int GtChild);

    private static IEnumerable<ITransformer> Flatten(ITransformer transformer) =>
        transformer is IEnumerable<ITransformer> chain ? chain.SelectMany(Flatten) : [transformer];

    /// <summary>One past the largest feature slot any split reads.</summary>
    public int SlotsRead => _trees.Max(t => t.SlotsRead);

    /// <summary>
    /// Advances every row by trees <paramref name="firstTree"/> .. <paramref name="firstTree"/> +
    /// <paramref name="treeCount"/> − 1, row by row: <paramref name="sums"/>[row] (the raw score so far, in double
    /// precision, starting from <see cref="Bias"/>) gains <c>TreeWeights[t] · tree_t(row)</c> per tree, and after
    /// tree <c>t</c> its float rounding is stored in <paramref name="staged"/>[(t − firstTree) · rows + row].
    /// </summary>
    public void Stage(SparseFeatureRows rows, int firstTree, int treeCount, double[] sums, float[] staged)
    {
        var rowCount = rows.RowCount;
        var dense = new float[Math.Max(rows.SlotCount, SlotsRead)];
        for (var row = 0; row < rowCount; row++)
        {
            rows.Scatter(row, dense);
            var sum = sums[row];
            for (var k = 0; k < treeCount; k++)
            {
                var tree = firstTree + k;
                sum += _weights[tree] * _trees[tree].Output(dense);
                staged[(k * rowCount) + row] = (float)sum;
            }

            sums[row] = sum;
            rows.Clear(row, dense);
        }
    }

    private static BoostedTreeEnsemble? From<TTree>(TreeEnsemble<TTree>? ensemble, ICalibrator? calibrator)
        where TTree : RegressionTreeBase
    {
        if (ensemble is null || ensemble.Trees.Count == 0 || ensemble.TreeWeights.Count != ensemble.Trees.Count)
        {
            return null;
        }

        var trees = new FlatTree[ensemble.Trees.Count];
        for (var t = 0; t < trees.Length; t++)
        {
            if (FlatTree.From(ensemble.Trees[t]) is not { } flat)
            {
                return null;
            }

            trees[t] = flat;
        }

        var weights = ensemble.TreeWeights.ToArray();
        return weights.All(double.IsFinite) && double.IsFinite(ensemble.Bias) ? new BoostedTreeEnsemble(trees, weights, ensemble.Bias, calibrator) : null;
    }

    /// <summary>One tree's nodes and leaves as arrays indexed by node (or leaf).</summary>
    private sealed class FlatTree
    {
        private readonly int[] _lteChild;
        private readonly int[] _gtChild;
        private readonly int[] _splitSlot;
        private readonly float[] _threshold;
        private readonly int[]?[] _categorySlots;
        private readonly double[] _leafValues;

        private FlatTree(int[] lteChild, int[] gtChild, int[] splitSlot, float[] threshold, int[]?[] categorySlots, double[] leafValues)
        {
            _lteChild = lteChild;
            _gtChild = gtChild;
            _splitSlot = splitSlot;
            _threshold = threshold;
            _categorySlots = categorySlots;
            _leafValues = leafValues;
            var slots = Enumerable.Range(0, lteChild.Length).SelectMany(n => categorySlots[n] ?? [splitSlot[n]]);
            SlotsRead = slots.DefaultIfEmpty(-1).Max() + 1;
        }

        /// <summary>One past the largest slot a split reads (0 for a tree without nodes).</summary>
        public int SlotsRead { get; }

        /// <summary>
        /// Appends this tree's nodes and leaves to the packed arrays, children renumbered into them; <paramref name="root"/>
        /// is its first node, or -1 for a tree without nodes. False (nothing appended) when a split is categorical.
        /// </summary>
        public bool TryPack(List<PackedNode> nodes, List<double> leaves, out int root)
        {
            root = -1;
            if (_categorySlots.Any(slots => slots is not null))
            {
                return false;
            }

            var nodeBase = nodes.Count;
            var leafBase = leaves.Count;
            int Renumber(int child) => child >= 0 ? child + nodeBase : ~(~child + leafBase);
            for (var n = 0; n < _lteChild.Length; n++)
            {
                nodes.Add(new PackedNode(_splitSlot[n], _threshold[n], Renumber(_lteChild[n]), Renumber(_gtChild[n])));
            }

            leaves.AddRange(_leafValues);
            root = _lteChild.Length == 0 ? -1 : nodeBase;
            return true;
        }

        /// <summary>A copy of <paramref name="tree"/>, or null when its arrays are inconsistent (sizes, child or slot indexes).</summary>
        public static FlatTree? From(RegressionTreeBase tree)
        {
            var nodes = tree.NumberOfNodes;
            var leaves = tree.LeafValues.ToArray();
            if (nodes == 0)
            {
                return new FlatTree([], [], [], [], [], leaves);
            }

            if (tree.LeftChild.Count != nodes || tree.RightChild.Count != nodes || tree.NumericalSplitFeatureIndexes.Count != nodes ||
                tree.NumericalSplitThresholds.Count != nodes || tree.CategoricalSplitFlags.Count != nodes || leaves.Length != nodes + 1)
            {
                return null;
            }

            var categorySlots = new int[]?[nodes];
            for (var n = 0; n < nodes; n++)
            {
                if (tree.CategoricalSplitFlags[n])
                {
                    categorySlots[n] = [.. tree.GetCategoricalSplitFeaturesAt(n)];
                }
            }

            var lte = tree.LeftChild.ToArray();
            var gt = tree.RightChild.ToArray();
            var splitSlots = tree.NumericalSplitFeatureIndexes.ToArray();
            bool ValidChild(int child) => child >= 0 ? child < nodes : ~child < leaves.Length;
            var validSlots = Enumerable.Range(0, nodes).All(n => categorySlots[n] is { } slots ? slots.Length > 0 && slots.All(s => s >= 0) : splitSlots[n] >= 0);
            return validSlots && lte.All(ValidChild) && gt.All(ValidChild)
                ? new FlatTree(lte, gt, splitSlots, tree.NumericalSplitThresholds.ToArray(), categorySlots, leaves)
                : null;
        }

        /// <summary>The leaf value a dense feature row reaches; 0 for a tree without nodes, as in ML.NET; NaN when
        /// the walk does not end within the node count (a malformed tree).</summary>
        public double Output(ReadOnlySpan<float> row)
        {
            if (_lteChild.Length == 0)
            {
                return 0.0;
            }

            var node = 0;
            for (var steps = 0; steps <= _lteChild.Length; steps++)
            {
                node = GoesRight(row, node) ? _gtChild[node] : _lteChild[node];
                if (node < 0)
                {
                    return _leafValues[~node];
                }
            }

            return double.NaN;
        }

        private bool GoesRight(ReadOnlySpan<float> row, int node)
        {
            if (_categorySlots[node] is { } slots)
            {
                foreach (var slot in slots)
                {
                    if (row[slot] > 0f)
                    {
                        return true;
                    }
                }

                return false;
            }

            // Written as "not <=" so that NaN goes right, as ML.NET's "if (fv <= t) lte else gt".
            return !(row[_splitSlot[node]] <= _threshold[node]);
        }
    }
}
