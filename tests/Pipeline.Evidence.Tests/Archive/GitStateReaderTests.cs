using Pipeline.Evidence.Manifest;
using Pipeline.Evidence.Tests.Support;

namespace Pipeline.Evidence.Tests.Archive;

public class GitStateReaderTests
{
    private const string Sha = "0123456789abcdef0123456789abcdef01234567";

    [Fact]
    public void Reads_the_commit_of_a_branch_from_packed_refs_without_git()
    {
        using var tree = new EvidenceTree()
            .Write(".git/HEAD", "ref: refs/heads/release\n")
            .Write(".git/packed-refs", $"# pack-refs with: peeled\n{Sha} refs/heads/release\n");
        Assert.Equal(new GitState(Sha, "release", null), GitStateReader.ReadFromDotGit(tree.Root));
    }

    [Fact]
    public void Follows_a_worktree_pointer_to_the_shared_refs()
    {
        using var tree = new EvidenceTree();
        tree.Write("main/.git/refs/heads/evidence", Sha + "\n")
            .Write("main/.git/worktrees/evidence/HEAD", "ref: refs/heads/evidence\n")
            .Write("main/.git/worktrees/evidence/commondir", "../..\n")
            .Write("wt/.git", $"gitdir: {tree.PathOf("main/.git/worktrees/evidence")}\n");
        Assert.Equal(new GitState(Sha, "evidence", null), GitStateReader.ReadFromDotGit(tree.PathOf("wt")));
    }

    [Fact]
    public void A_folder_that_is_no_repository_is_unknown()
    {
        using var tree = new EvidenceTree();
        Assert.Equal(GitState.Unknown, GitStateReader.ReadFromDotGit(tree.Root));
    }
}
