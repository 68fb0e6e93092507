namespace Pipeline.Targets.Tests;

using Assert = Xunit.Assert; // the engine has NUKE's Assert too

/// <summary>reports/ or .nuke/temp/ that cannot be written stops the build before any target with one line and exit 1.</summary>
public class WorkspaceFolderTests
{
    [Fact]
    public void Reports_being_a_file_is_one_line_naming_it_and_no_target_runs()
    {
        using var run = new BuildRun();
        File.WriteAllText(Path.Combine(run.Root, "reports"), "not a folder");
        var build = new ChainBuild();
        Assert.Equal(1, run.Run(build, "Compile"));
        Assert.Equal("error: reports/ is a file, not a folder: move or delete it; the build writes its logs and evidence there.", run.Text.Trim());
        Assert.Empty(build.Ran);
    }

    [Fact]
    public void Reports_as_a_link_that_cannot_be_followed_is_one_line_naming_it()
    {
        // A link to a folder under a file cannot be created by anyone, root included (chmod does not stop root).
        using var run = new BuildRun();
        File.WriteAllText(Path.Combine(run.Root, "blocker"), "a file");
        File.CreateSymbolicLink(Path.Combine(run.Root, "reports"), Path.Combine(run.Root, "blocker", "reports"));
        var build = new ChainBuild();
        Assert.Equal(1, run.Run(build, "Compile"));
        Assert.Equal($"error: reports/ is a link to {Path.Combine(run.Root, "blocker", "reports")}, which is not a folder: fix or remove the link; the build writes its logs and evidence there.", run.Text.Trim());
        Assert.Single(run.Text.Trim().Split('\n'));
        Assert.Empty(build.Ran);
    }

    [Fact]
    public void A_folder_that_cannot_be_written_is_one_line_naming_it()
    {
        // chmod does not stop root; a folder under a file cannot be created by anyone.
        using var run = new BuildRun();
        Directory.CreateDirectory(Path.Combine(run.Root, "reports"));
        File.WriteAllText(Path.Combine(run.Root, "blocker"), "a file");
        File.CreateSymbolicLink(Path.Combine(run.Root, "reports", "logs"), Path.Combine(run.Root, "blocker"));
        Assert.Equal(1, run.Run(new ChainBuild(), "Compile"));
        Assert.StartsWith("error: reports/logs/ is a link to", run.Text.Trim());
    }

    [Fact]
    public void A_read_only_reports_folder_is_one_line_when_permissions_apply()
    {
        if (OperatingSystem.IsWindows()) return;
        using var run = new BuildRun();
        var reports = Directory.CreateDirectory(Path.Combine(run.Root, "reports", "logs")).Parent!.FullName;
        File.SetUnixFileMode(reports, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        try
        {
            // Root writes through any mode bits: the link cases above cover root.
            if (CanWrite(reports)) return;
            Assert.Equal(1, run.Run(new ChainBuild(), "Compile"));
            Assert.StartsWith("error: reports/ cannot be written (", run.Text.Trim());
            Assert.EndsWith("make it a folder this user can write to, or run from a checkout where it is.", run.Text.Trim());
        }
        finally { File.SetUnixFileMode(reports, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute); }
    }

    static bool CanWrite(string folder)
    {
        try { File.WriteAllText(Path.Combine(folder, "probe"), ""); File.Delete(Path.Combine(folder, "probe")); return true; }
        catch (UnauthorizedAccessException) { return false; }
    }

    [Fact]
    public void A_temp_folder_that_is_a_file_stops_the_plan_too()
    {
        using var run = new BuildRun();
        File.WriteAllText(Path.Combine(run.Root, ".nuke", "temp"), "not a folder");
        Assert.Equal(1, run.Run(new ChainBuild(), "Compile", "--plan"));
        Assert.Equal("error: .nuke/temp/ is a file, not a folder: move or delete it; the build writes its logs and evidence there.", run.Text.Trim());
    }

    [Fact]
    public void A_logs_folder_that_is_a_file_is_caught_before_the_log_is_opened()
    {
        using var run = new BuildRun();
        Directory.CreateDirectory(Path.Combine(run.Root, "reports"));
        File.WriteAllText(Path.Combine(run.Root, "reports", "logs"), "not a folder");
        Assert.Equal(1, run.Run(new ChainBuild(), "Compile"));
        Assert.StartsWith("error: reports/logs/ is a file, not a folder", run.Text.Trim());
    }
}
