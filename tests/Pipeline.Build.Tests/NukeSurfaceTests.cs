using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Pipeline.Build.Tests;

/// <summary>
/// build/ compiled on its own (Roslyn) against the engine: every engine name it uses is one Nuke.Common has, or one of
/// the extensions README's "Moving to Nuke.Common" lists. A move to NUKE is then the namespace swap plus that list.
/// </summary>
public sealed class NukeSurfaceTests
{
    /// <summary>Engine names build/ may use because Nuke.Common has them under the same name (type or type.member).</summary>
    private static readonly HashSet<string> NukeNames =
    [
        "NukeBuild", "NukeBuild.Execute", "NukeBuild.RootDirectory", "NukeBuild.TemporaryDirectory", "NukeBuild.InvokedTargets",
        "NukeBuild.ReportSummary", "NukeBuild.OnBuildInitialized", "NukeBuild.OnTargetRunning", "NukeBuild.OnTargetSucceeded",
        "NukeBuild.OnTargetFailed", "NukeBuild.OnBuildFinished",
        "Target", "ITargetDefinition", "ITargetDefinition.Description", "ITargetDefinition.DependsOn", "ITargetDefinition.Executes",
        "ITargetDefinition.Produces", "ITargetDefinition.Requires", "ITargetDefinition.OnlyWhenStatic", "ITargetDefinition.OnlyWhenDynamic",
        "ITargetDefinition.AssuredAfterFailure", "ITargetDefinition.ProceedAfterFailure", "ITargetDefinition.After",
        "ITargetDefinition.Before", "ITargetDefinition.Triggers", "ITargetDefinition.TriggeredBy", "ITargetDefinition.Unlisted",
        "ParameterAttribute", "SecretAttribute", "RequiredAttribute",
        "AbsolutePath", "AbsolutePath.op_Division", "AbsolutePath.op_Implicit", "AbsolutePath.ToString", "AbsolutePath.Name", "AbsolutePath.Parent",
        "Assert", "Assert.Fail", "ExecutableTarget", "ExecutableTarget.Name", "Configure", "DictionaryExtensions", "DictionaryExtensions.AddPair",
        "GitHubActionsAttribute", "GitHubActionsAttribute.On", "GitHubActionsAttribute.OnPushBranches", "GitHubActionsAttribute.OnPullRequestBranches",
        "GitHubActionsAttribute.OnCronSchedule", "GitHubActionsAttribute.OnWorkflowDispatchOptionalInputs", "GitHubActionsAttribute.InvokedTargets",
        "GitHubActionsAttribute.ImportSecrets", "GitHubActionsAttribute.TimeoutMinutes", "GitHubActionsAttribute.ConcurrencyGroup",
        "GitHubActionsAttribute.ConcurrencyCancelInProgress", "GitHubActionsAttribute.WritePermissions", "GitHubActionsAttribute.ReadPermissions",
        "GitHubActionsAttribute.PublishArtifacts",
        "GitHubActionsImage", "GitHubActionsImage.UbuntuLatest", "GitHubActionsTrigger", "GitHubActionsTrigger.Push",
        "GitHubActionsTrigger.PullRequest", "GitHubActionsTrigger.WorkflowDispatch",
        "GitHubActionsPermissions", "GitHubActionsPermissions.Actions", "GitHubActionsPermissions.Contents", "GitHubActionsPermissions.IdToken",
        "GitHubActionsPermissions.SecurityEvents",
    ];

    /// <summary>Engine names Nuke.Common does not have (each is listed in README's "Moving to Nuke.Common").</summary>
    internal static readonly HashSet<string> Extensions =
    [
        "NukeBuild.CancellationToken", "NukeBuild.ResolvedParameters", "ResolvedParameter", "ResolvedParameter.Name",
        "ResolvedParameter.IsSecret", "ResolvedParameter.DisplayValue", "ParameterAttribute.Minimum",
        "GitHubActionsAttribute.Description", "GitHubActionsAttribute.ContinueAfterFailedTarget", "GitHubActionsAttribute.ImportPrefix",
        "GitHubActionsAttribute.RequiredImports", "GitHubActionsAttribute.CachePaths", "GitHubActionsAttribute.ArtifactRetentionDays",
        "GitHubActionsAttribute.PostgreSql", "GitHubActionsAttribute.PublishToRelease", "GitHubActionsAttribute.AttestProvenance",
        "GitHubActionsAttribute.ShardedTarget", "GitHubActionsAttribute.MaxShards", "GitHubActionsAttribute.ShardMergeCommand",
        "GitHubActionsTrigger.ReleasePublished", "GitHubActionsPermissions.Attestations",
    ];

    [Fact]
    public void Build_compiles_against_the_engine_using_only_NUKE_names_and_the_listed_extensions()
    {
        var compilation = CompileBuildFolder();
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));

        var used = EngineNamesUsed(compilation);
        Assert.Contains("NukeBuild.ReportSummary", used); // the walk sees the engine at all
        var foreign = used.Except(NukeNames).Except(Extensions).Order().ToList();
        Assert.True(foreign.Count == 0, $"build/ uses engine names NUKE does not have and README does not list: {string.Join(", ", foreign)}");
    }

    [Fact]
    public void Readme_lists_every_extension_under_Moving_to_Nuke_Common()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "README.md"));
        var start = readme.IndexOf("## Moving to Nuke.Common", StringComparison.Ordinal);
        Assert.True(start >= 0, "README.md has no \"## Moving to Nuke.Common\" section");
        var end = readme.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        var section = readme[start..(end < 0 ? readme.Length : end)];
        var missing = Extensions.Where(name => !section.Contains($"`{name.Split('.')[^1]}`", StringComparison.Ordinal)).Order().ToList();
        Assert.True(missing.Count == 0, $"README's \"Moving to Nuke.Common\" does not name: {string.Join(", ", missing)}");
    }

    private static CSharpCompilation CompileBuildFolder()
    {
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        var sources = Directory.GetFiles(Path.Combine(RepositoryRoot.Path, "build"), "*.cs")
            .Select(file => CSharpSyntaxTree.ParseText(File.ReadAllText(file), parse, file))
            .Append(CSharpSyntaxTree.ParseText(ImplicitUsings, parse, "ImplicitUsings.cs"));
        // The libraries build/ references, as built beside this test; the runtime's own assemblies from the host.
        var beside = Directory.GetFiles(AppContext.BaseDirectory, "*.dll")
            .Where(dll => Path.GetFileName(dll) is var name && (name.StartsWith("Pipeline.", StringComparison.Ordinal) && !name.EndsWith(".Tests.dll", StringComparison.Ordinal)
                || name.StartsWith("Serilog", StringComparison.Ordinal) || name.StartsWith("Spectre", StringComparison.Ordinal)));
        var runtime = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var references = beside.Concat(runtime).DistinctBy(Path.GetFileName).Select(dll => MetadataReference.CreateFromFile(dll));
        return CSharpCompilation.Create("_build_surface", sources, references,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
    }

    private const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;

    /// <summary>Every engine type and member build/ names, uses through a conversion, or overrides.</summary>
    private static HashSet<string> EngineNamesUsed(CSharpCompilation compilation)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var tree in compilation.SyntaxTrees)
        {
            var model = compilation.GetSemanticModel(tree);
            foreach (var node in tree.GetRoot().DescendantNodes())
            {
                Add(model.GetSymbolInfo(node).Symbol);
                if (node is ExpressionSyntax expression && model.GetConversion(expression) is { IsUserDefined: true, MethodSymbol: { } conversion })
                    Add(conversion);
                if (node is MethodDeclarationSyntax or PropertyDeclarationSyntax && model.GetDeclaredSymbol(node) is { IsOverride: true } overriding)
                    Add(overriding is IMethodSymbol m ? m.OverriddenMethod : ((IPropertySymbol)overriding).OverriddenProperty);
            }
        }
        return used;

        void Add(ISymbol? symbol)
        {
            symbol = symbol?.OriginalDefinition;
            if (symbol is IMethodSymbol { ReducedFrom: { } extension }) symbol = extension;
            if (symbol?.ContainingAssembly?.Name != "Pipeline.Targets") return;
            if (symbol is INamedTypeSymbol type) used.Add(type.Name);
            else if (symbol.ContainingType is { } owner)
            {
                used.Add(owner.Name);
                used.Add($"{owner.Name}.{(symbol is IMethodSymbol { MethodKind: MethodKind.Constructor } ? owner.Name : symbol.Name)}".Replace($"{owner.Name}.{owner.Name}", owner.Name));
            }
        }
    }
}
