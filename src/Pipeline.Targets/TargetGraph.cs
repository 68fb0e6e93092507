using System.Reflection;

namespace Pipeline.Targets;

/// <summary>A target with its relations resolved to names.</summary>
internal sealed class TargetNode
{
    internal TargetNode(TargetDefinition definition, int index) { Definition = definition; Index = index; }
    internal TargetDefinition Definition { get; }
    public string Name => Definition.Name;
    public string? Description => Definition.DescriptionText;
    public int Index { get; }
    public bool IsUnlisted => Definition.IsUnlisted;
    public IReadOnlyList<string> Produces => Definition.ProducedPaths;
    /// <summary>Direct execution dependencies (DependsOn plus the reverse of DependentFor).</summary>
    public List<TargetNode> Dependencies { get; } = [];
    /// <summary>Targets that must run before this one when both are planned (dependencies, After, reverse Before/Triggers).</summary>
    public List<TargetNode> RunsAfter { get; } = [];
    public List<TargetNode> Triggers { get; } = [];
}

/// <summary>All targets of a build class and the relations between them, in declaration order.</summary>
internal sealed class TargetGraph
{
    private TargetGraph(IReadOnlyList<TargetNode> nodes) => Nodes = nodes;

    public IReadOnlyList<TargetNode> Nodes { get; }

    public TargetNode? Find(string name) => Nodes.FirstOrDefault(n => BuildName.Normalize(n.Name) == BuildName.Normalize(name));

    public static TargetGraph Create(object build)
    {
        const BindingFlags flags = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;
        var types = new List<Type>();
        for (var type = build.GetType(); type is not null && type != typeof(object); type = type.BaseType) types.Insert(0, type);
        var properties = types.SelectMany(t => t.GetProperties(flags | BindingFlags.DeclaredOnly)
                .Where(p => p.PropertyType == typeof(Target)).OrderBy(p => p.MetadataToken)).ToList();

        // A target delegate is recreated on every property read; its lambda's method identifies it.
        var nameOf = new Dictionary<MethodInfo, string>();
        var definitions = new List<TargetDefinition>();
        foreach (var property in properties)
        {
            var target = (Target)property.GetValue(build)!;
            nameOf[target.Method] = property.Name;
            var definition = new TargetDefinition(property.Name);
            target(definition);
            definitions.Add(definition);
        }

        var nodes = definitions.Select((d, i) => new TargetNode(d, i)).ToList();
        var byName = nodes.ToDictionary(n => n.Name);
        TargetNode Resolve(Target t, string from) =>
            nameOf.TryGetValue(t.Method, out var name) ? byName[name]
                : throw new BuildSetupException($"Target {from} refers to a target that is not a property of the build class.");

        foreach (var node in nodes)
        {
            var d = node.Definition;
            foreach (var t in d.DependsOnTargets) Link(node, Resolve(t, node.Name));
            foreach (var t in d.DependentForTargets) Link(Resolve(t, node.Name), node);
            foreach (var t in d.AfterTargets) AddOnce(node.RunsAfter, Resolve(t, node.Name));
            foreach (var t in d.BeforeTargets) AddOnce(Resolve(t, node.Name).RunsAfter, node);
            foreach (var t in d.TriggersTargets) Trigger(node, Resolve(t, node.Name));
            foreach (var t in d.TriggeredByTargets) Trigger(Resolve(t, node.Name), node);
        }

        var graph = new TargetGraph(nodes);
        graph.RejectCycles();
        return graph;
    }

    private static void Link(TargetNode dependent, TargetNode dependency)
    {
        AddOnce(dependent.Dependencies, dependency);
        AddOnce(dependent.RunsAfter, dependency);
    }

    private static void Trigger(TargetNode trigger, TargetNode triggered)
    {
        AddOnce(trigger.Triggers, triggered);
        AddOnce(triggered.RunsAfter, trigger);
    }

    private static void AddOnce(List<TargetNode> list, TargetNode node)
    {
        if (!list.Contains(node)) list.Add(node);
    }

    /// <summary>Rejects any ordering cycle, naming it: "A -> B -> A".</summary>
    private void RejectCycles()
    {
        var state = new Dictionary<TargetNode, int>(); // 1 = on the stack, 2 = done
        var stack = new List<TargetNode>();
        foreach (var node in Nodes) Visit(node);

        void Visit(TargetNode node)
        {
            if (state.GetValueOrDefault(node) == 2) return;
            if (state.GetValueOrDefault(node) == 1)
            {
                var cycle = stack.Skip(stack.IndexOf(node)).Append(node).Select(n => n.Name);
                throw new BuildSetupException($"Targets form a cycle: {string.Join(" -> ", cycle)}. Remove one of these relations.");
            }
            state[node] = 1;
            stack.Add(node);
            foreach (var before in node.RunsAfter) Visit(before);
            stack.RemoveAt(stack.Count - 1);
            state[node] = 2;
        }
    }
}
