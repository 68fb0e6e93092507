using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Pipeline.Core.Processes;

namespace Pipeline.Build.Tests;

/// <summary>
/// Ctrl-C twice, or SIGTERM, during a real RunP95 (the real build in a child process, with its embedded
/// PostgreSQL and reference API): the build exits at once and leaves no process and no temp file behind.
/// </summary>
public sealed class InterruptionTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("pipeline-interrupt-").FullName;

    public InterruptionTests()
    {
        // The postgres account must reach the cluster folder under the root (a temp folder is 700).
        File.SetUnixFileMode(_root, (UnixFileMode)0b111_101_101);
        Directory.CreateDirectory(Path.Combine(_root, ".nuke"));
        var perf = Directory.CreateDirectory(Path.Combine(_root, "scripts", "perf")).FullName;
        foreach (var file in Directory.GetFiles(Path.Combine(RepositoryRoot.Path, "scripts", "perf"), "*.json"))
            File.Copy(file, Path.Combine(perf, Path.GetFileName(file)));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Theory]
    [InlineData("INT", 130, "Ctrl-C again")] // the first Ctrl-C starts a graceful abort, the second cuts it short
    [InlineData("TERM", 143, "Terminated")]
    public void Ctrl_c_twice_or_sigterm_stops_every_process_the_run_started_and_deletes_its_temp_files(string signal, int exitCode, string said)
    {
        if (!OperatingSystem.IsLinux()) return; // signals and /proc
        using var build = Process.Start(new ProcessStartInfo("dotnet",
            [Path.Combine(AppContext.BaseDirectory, "_build.dll"), "RunP95", "--engine", "builtin", "--requests", "100000", "--root", _root])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _root,
        })!;
        var output = new ConcurrentQueue<string>();
        build.OutputDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        build.ErrorDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        build.BeginOutputReadLine();
        build.BeginErrorReadLine();
        try
        {
            // The load is running once its NDJSON streams into a temp file: the API and the database are up. (Not any
            // temp file: the engine's write check of reports/ makes one for an instant at start-up.)
            WaitFor(() => TempFiles().Any(f => Path.GetFileName(f).StartsWith(".p95_k6_", StringComparison.Ordinal)), TimeSpan.FromMinutes(3), build, output);
            var started = ProcessesOf(build.Id);
            Assert.Contains(started, p => p.Name == "postgres");
            Assert.Contains(started, p => p.Name == "dotnet"); // the reference API

            Signal(signal, build.Id);
            if (signal == "INT")
            {
                WaitFor(() => output.Any(l => l.StartsWith("Ctrl-C: aborting", StringComparison.Ordinal)), TimeSpan.FromSeconds(30), build, output);
                Signal(signal, build.Id);
            }
            Assert.True(build.WaitForExit(TimeSpan.FromSeconds(60)), $"The build did not exit after SIG{signal}.");
            build.WaitForExit(); // the output readers are done

            Assert.Empty(started.Where(p => p.IsRunning).Select(p => $"{p.Name} {p.Id}"));
            Assert.Empty(TempFiles());
            Assert.Empty(Directory.EnumerateDirectories(Path.Combine(_root, ".nuke", "temp"), "pg-*"));
            Assert.Empty(Directory.EnumerateFiles(Path.Combine(_root, ".nuke", "temp"), "*.run", SearchOption.AllDirectories));
            Assert.Equal(exitCode, build.ExitCode);
            Assert.Contains(output, l => l.StartsWith(said + ": stopping every process", StringComparison.Ordinal));
        }
        finally
        {
            if (!build.HasExited) build.Kill(entireProcessTree: true);
        }
    }

    private IEnumerable<string> TempFiles() => Directory.Exists(Path.Combine(_root, "reports"))
        ? Directory.EnumerateFiles(Path.Combine(_root, "reports"), ".*.tmp", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
        : [];

    /// <summary>The build's descendants, and the processes working under the root (PostgreSQL detaches itself from the build).</summary>
    private List<ProcessStamp> ProcessesOf(int buildId)
    {
        var parents = new Dictionary<int, int>();
        var found = new List<ProcessStamp>();
        foreach (var entry in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(entry), out var id) || id == buildId) continue;
            try
            {
                var stat = File.ReadAllText(Path.Combine(entry, "stat"));
                parents[id] = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
                if (new FileInfo(Path.Combine(entry, "cwd")).LinkTarget is { } cwd && cwd.StartsWith(_root, StringComparison.Ordinal) &&
                    ProcessStamp.Of(id) is { } stamp) found.Add(stamp);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // Ended while we looked.
            }
        }
        foreach (var id in parents.Keys.Where(id => IsDescendant(id, buildId, parents)))
            if (ProcessStamp.Of(id) is { } stamp && !found.Contains(stamp)) found.Add(stamp);
        return found;
    }

    private static bool IsDescendant(int id, int ancestor, Dictionary<int, int> parents)
    {
        for (var depth = 0; depth < 64 && parents.TryGetValue(id, out var parent); depth++, id = parent)
            if (parent == ancestor) return true;
        return false;
    }

    private static void Signal(string signal, int id)
    {
        using var kill = Process.Start("kill", ["-" + signal, id.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    private static void WaitFor(Func<bool> condition, TimeSpan timeout, Process build, IEnumerable<string> output)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            if (build.HasExited || deadline.Elapsed > timeout)
            {
                if (build.HasExited) build.WaitForExit(); // the output readers are done: the reason it ended is in the message
                throw new TimeoutException($"Waited {deadline.Elapsed.TotalSeconds:0} s in vain; the build printed:\n{string.Join('\n', output)}");
            }
            Thread.Sleep(50);
        }
    }
}
