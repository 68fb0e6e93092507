using System.Diagnostics;

namespace Pipeline.Core.Tests.Processes;

/// <summary>A real process that sleeps until it is killed; killed on dispose when the test did not.</summary>
internal sealed class SleepingProcess : IDisposable
{
    private readonly Process _process;

    /// <summary>Starts <c>sleep 600</c>, or a bash that holds <paramref name="holdOpen"/> open while it sleeps.</summary>
    public SleepingProcess(string? holdOpen = null)
    {
        _process = holdOpen is null
            ? Process.Start("sleep", "600")
            : Process.Start("bash", ["-c", "exec sleep 600 3<\"$0\"", holdOpen]);
    }

    public int Id => _process.Id;

    /// <summary>Waits (bounded) for the process to end; true when it did.</summary>
    public bool Ended() => _process.WaitForExit(TimeSpan.FromSeconds(10));

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill();
        _process.Dispose();
    }
}
