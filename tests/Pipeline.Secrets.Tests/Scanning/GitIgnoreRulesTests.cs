using Pipeline.Secrets.Scanning;

namespace Pipeline.Secrets.Tests.Scanning;

/// <summary>.gitignore pattern semantics, one git rule per case.</summary>
public sealed class GitIgnoreRulesTests
{
    [Theory]
    [InlineData("*.log", "a/b/c.log", false, true)]          // no slash: any depth
    [InlineData("/build", "build", true, true)]               // leading slash: anchored
    [InlineData("/build", "src/build", true, null)]
    [InlineData("docs/*.md", "docs/a.md", false, true)]       // inner slash: anchored
    [InlineData("docs/*.md", "x/docs/a.md", false, null)]
    [InlineData("docs/*.md", "docs/sub/a.md", false, null)]   // * stops at slashes
    [InlineData("docs/**/*.md", "docs/sub/deep/a.md", false, true)]
    [InlineData("**/cache", "a/b/cache", true, true)]
    [InlineData("out/", "out", false, null)]                  // trailing slash: folders only
    [InlineData("out/", "out", true, true)]
    [InlineData("file?.txt", "file1.txt", false, true)]
    [InlineData("file[0-9].txt", "file7.txt", false, true)]
    [InlineData("file[!0-9].txt", "file7.txt", false, null)]
    [InlineData("\\#hash", "#hash", false, true)]             // escaped leading #
    public void Matches_like_git(string pattern, string path, bool isDirectory, bool? ignored) =>
        Assert.Equal(ignored, new GitIgnoreRules("", [pattern]).Decide(path, isDirectory));

    [Fact]
    public void The_last_matching_pattern_wins_and_negation_re_includes() =>
        Assert.Equal(
            [true, false],
            new[] { "debug.log", "keep.log" }.Select(p => new GitIgnoreRules("", ["*.log", "!keep.log"]).Decide(p, false)!.Value));

    [Fact]
    public void A_nested_file_speaks_only_for_its_own_folder()
    {
        var rules = new GitIgnoreRules("web", ["dist"]);
        Assert.True(rules.Decide("web/dist", true));
        Assert.Null(rules.Decide("api/dist", true));
    }
}
