using Pipeline.Core.Naming;

namespace Pipeline.Targets;

/// <summary>Required parameters and the targets' <c>Requires(() => X)</c> checked before anything runs.</summary>
internal static class RequirementCheck
{
    public static void EnsureMet(NukeBuild build, IReadOnlyList<BuildParameter> parameters, ExecutionPlan plan)
    {
        var missing = parameters.Where(p => p.IsRequired && IsMissing(p.GetValue(build))).Select(p => p.CommandLineName)
            .Concat(plan.Order.Where(n => !plan.Skipped.Contains(n))
                .SelectMany(n => n.Definition.Requirements.Where(r => IsMissing(r.Value())).Select(r => $"--{KebabCase.From(r.Name)} (for {n.Name})")))
            .ToList();
        if (missing.Count > 0) throw new BuildSetupException($"Missing required parameters: {string.Join(", ", missing)}.");
    }

    private static bool IsMissing(object? value) => value switch
    {
        null => true,
        string s => string.IsNullOrWhiteSpace(s),
        bool b => !b,
        Array a => a.Length == 0,
        _ => false,
    };
}
