using System.Linq.Expressions;

namespace Pipeline.Targets;

/// <summary>The fluent vocabulary of a target, as in NUKE.</summary>
public interface ITargetDefinition
{
    ITargetDefinition Description(string description);
    /// <summary>These targets run before this one, and are added to the plan.</summary>
    ITargetDefinition DependsOn(params Target[] targets);
    /// <summary>This target runs before those ones, whenever they are planned.</summary>
    ITargetDefinition DependentFor(params Target[] targets);
    /// <summary>Ordering only: if both are planned, this one runs after those.</summary>
    ITargetDefinition After(params Target[] targets);
    /// <summary>Ordering only: if both are planned, this one runs before those.</summary>
    ITargetDefinition Before(params Target[] targets);
    /// <summary>When this target runs, those are planned too, after it.</summary>
    ITargetDefinition Triggers(params Target[] targets);
    ITargetDefinition TriggeredBy(params Target[] targets);
    /// <summary>Evaluated before the build starts; false marks the target Skipped.</summary>
    ITargetDefinition OnlyWhenStatic(params Func<bool>[] conditions);
    /// <summary>Evaluated just before the target runs; false marks it Skipped.</summary>
    ITargetDefinition OnlyWhenDynamic(params Func<bool>[] conditions);
    /// <summary>Parameters (or conditions, when bool) that must be set before the build starts.</summary>
    ITargetDefinition Requires<T>(params Expression<Func<T>>[] requirements);
    ITargetDefinition Executes(Action action);
    ITargetDefinition Executes(Func<Task> action);
    /// <summary>A failure of this target does not stop the targets that do not depend on it.</summary>
    ITargetDefinition ProceedAfterFailure();
    /// <summary>Runs even after an earlier failure or an abort (clean-up, reports).</summary>
    ITargetDefinition AssuredAfterFailure();
    /// <summary>Hidden from --help.</summary>
    ITargetDefinition Unlisted();
    /// <summary>The files this target writes (documentation for --help and --plan).</summary>
    ITargetDefinition Produces(params string[] paths);
}
