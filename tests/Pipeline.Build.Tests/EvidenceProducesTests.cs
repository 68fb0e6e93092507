using System.IO.Enumeration;
using Pipeline.Core.Evidence;
using Pipeline.Targets;
using Pipeline.Targets.CI.GitHubActions;

namespace Pipeline.Build.Tests;

/// <summary>Every evidence file a target writes is in that target's Produces globs, so CI uploads it.</summary>
public class EvidenceProducesTests
{
    // Documents people maintain: the catalogue attributes them to the target they describe, which does not write them.
    private static readonly EvidenceName[] Maintained = [EvidenceNames.FallbackRunbook, EvidenceNames.ExternalServicesDashboard, EvidenceNames.SecretsInventory];

    [Fact]
    public void Each_written_evidence_file_of_a_day_matches_a_produces_glob_of_its_target()
    {
        var build = new global::Build();
        GitHubActionsGenerator.Generate(build, RepositoryRoot.Path); // roots the build as the engine does, so Produces paths resolve
        var graph = TargetGraph.Create(build);
        Assert.All(EvidenceNames.All.Except(Maintained), name =>
        {
            var target = graph.Find(name.ProducedBy);
            Assert.True(target is not null, $"{name.Id}: no target {name.ProducedBy}");
            var globs = target.Produces.Select(p => Path.GetRelativePath(build.RootDirectory, Path.GetFullPath(p, build.RootDirectory)).Replace('\\', '/')).ToList();
            foreach (var stamp in new[] { "20251014", "20251014-145728" })
            {
                var file = name.Template.Replace(EvidenceStore.DateToken, stamp, StringComparison.Ordinal);
                Assert.True(globs.Any(g => FileSystemName.MatchesSimpleExpression(g, file, ignoreCase: false)), $"{file} is in no Produces glob of {name.ProducedBy}: {string.Join(", ", globs)}");
            }
        });
    }
}
