namespace Pipeline.Targets;

/// <summary>
/// Which targets run, in which order: the invoked targets, their dependencies and what they trigger,
/// sorted topologically with declaration order as the tie-break.
/// </summary>
internal sealed class ExecutionPlan
{
    private ExecutionPlan(IReadOnlyList<TargetNode> order, IReadOnlySet<TargetNode> invoked, IReadOnlySet<TargetNode> skipped)
    {
        Order = order;
        Invoked = invoked;
        Skipped = skipped;
    }

    public IReadOnlyList<TargetNode> Order { get; }
    public IReadOnlySet<TargetNode> Invoked { get; }
    /// <summary>Targets marked skipped by <c>--skip</c>.</summary>
    public IReadOnlySet<TargetNode> Skipped { get; }

    /// <param name="skip">null: no --skip; empty: bare --skip (skip every target not invoked); else the names to skip.</param>
    public static ExecutionPlan Create(TargetGraph graph, IReadOnlyList<string> invokedNames, IReadOnlyList<string>? skip)
    {
        var invoked = invokedNames.Select(name => graph.Find(name) ?? throw UnknownTarget(graph, name)).ToHashSet();
        var planned = new HashSet<TargetNode>();
        var pending = new Stack<TargetNode>(invoked);
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            if (!planned.Add(node)) continue;
            foreach (var next in node.Dependencies.Concat(node.Triggers)) pending.Push(next);
        }

        var skipped = skip is null ? new HashSet<TargetNode>()
            : skip.Count == 0 ? planned.Where(n => !invoked.Contains(n)).ToHashSet()
            : skip.Select(name => graph.Find(name) ?? throw UnknownTarget(graph, name)).ToHashSet();

        // Kahn's algorithm; among the ready targets the one declared first goes first.
        var order = new List<TargetNode>();
        var remaining = planned.ToDictionary(n => n, n => n.RunsAfter.Count(planned.Contains));
        var ready = new SortedSet<TargetNode>(remaining.Where(r => r.Value == 0).Select(r => r.Key), Comparer<TargetNode>.Create((a, b) => a.Index.CompareTo(b.Index)));
        while (ready.Count > 0)
        {
            var next = ready.Min!;
            ready.Remove(next);
            order.Add(next);
            foreach (var after in planned.Where(n => n.RunsAfter.Contains(next)))
                if (--remaining[after] == 0) ready.Add(after);
        }
        return new ExecutionPlan(order, invoked, skipped);
    }

    public static BuildSetupException UnknownTarget(TargetGraph graph, string name)
    {
        var listed = graph.Nodes.Where(n => !n.IsUnlisted).Select(n => n.Name).ToList();
        var closest = BuildName.Closest(name, listed);
        return new BuildSetupException($"Unknown target '{name}'." + (closest is null ? "" : $" Did you mean {closest}?") +
                                       $" Available targets: {string.Join(", ", listed)}.");
    }
}
