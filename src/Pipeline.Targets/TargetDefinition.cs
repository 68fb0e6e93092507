using System.Linq.Expressions;

namespace Pipeline.Targets;

/// <summary>What a target's fluent definition collected. Related targets are kept as delegates until the planner names them.</summary>
internal sealed class TargetDefinition(string name) : ITargetDefinition
{
    public string Name { get; } = name;
    public string? DescriptionText { get; private set; }
    public List<Target> DependsOnTargets { get; } = [];
    public List<Target> DependentForTargets { get; } = [];
    public List<Target> AfterTargets { get; } = [];
    public List<Target> BeforeTargets { get; } = [];
    public List<Target> TriggersTargets { get; } = [];
    public List<Target> TriggeredByTargets { get; } = [];
    public List<Func<bool>> StaticConditions { get; } = [];
    public List<Func<bool>> DynamicConditions { get; } = [];
    public List<(string Name, Func<object?> Value)> Requirements { get; } = [];
    public List<Func<Task>> Actions { get; } = [];
    public bool IsProceedAfterFailure { get; private set; }
    public bool IsAssuredAfterFailure { get; private set; }
    public bool IsUnlisted { get; private set; }
    public List<string> ProducedPaths { get; } = [];

    public ITargetDefinition Description(string description) { DescriptionText = description; return this; }
    public ITargetDefinition DependsOn(params Target[] targets) { DependsOnTargets.AddRange(targets); return this; }
    public ITargetDefinition DependentFor(params Target[] targets) { DependentForTargets.AddRange(targets); return this; }
    public ITargetDefinition After(params Target[] targets) { AfterTargets.AddRange(targets); return this; }
    public ITargetDefinition Before(params Target[] targets) { BeforeTargets.AddRange(targets); return this; }
    public ITargetDefinition Triggers(params Target[] targets) { TriggersTargets.AddRange(targets); return this; }
    public ITargetDefinition TriggeredBy(params Target[] targets) { TriggeredByTargets.AddRange(targets); return this; }
    public ITargetDefinition OnlyWhenStatic(params Func<bool>[] conditions) { StaticConditions.AddRange(conditions); return this; }
    public ITargetDefinition OnlyWhenDynamic(params Func<bool>[] conditions) { DynamicConditions.AddRange(conditions); return this; }

    public ITargetDefinition Requires<T>(params Expression<Func<T>>[] requirements)
    {
        foreach (var requirement in requirements)
        {
            var name = requirement.Body is MemberExpression member ? member.Member.Name : requirement.Body.ToString();
            var compiled = requirement.Compile();
            Requirements.Add((name, () => compiled()));
        }
        return this;
    }

    public ITargetDefinition Executes(Action action) { Actions.Add(() => { action(); return Task.CompletedTask; }); return this; }
    public ITargetDefinition Executes(Func<Task> action) { Actions.Add(action); return this; }
    public ITargetDefinition ProceedAfterFailure() { IsProceedAfterFailure = true; return this; }
    public ITargetDefinition AssuredAfterFailure() { IsAssuredAfterFailure = true; return this; }
    public ITargetDefinition Unlisted() { IsUnlisted = true; return this; }
    public ITargetDefinition Produces(params string[] paths) { ProducedPaths.AddRange(paths); return this; }
}
