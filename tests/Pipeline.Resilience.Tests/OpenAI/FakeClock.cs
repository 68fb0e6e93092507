using Microsoft.Extensions.Time.Testing;

namespace Pipeline.Resilience.Tests.OpenAI;

internal static class FakeClock
{
    public static FakeTimeProvider Create() => new(DateTimeOffset.Parse("2026-11-25T12:00:00Z"));

    /// <summary>
    /// Moves fake time forward in small steps until the task completes, so retry delays and timeouts elapse without
    /// real sleeping. The real yield between steps only lets the awaiting code register its next timer.
    /// </summary>
    public static async Task<T> RunAsync<T>(this FakeTimeProvider clock, Task<T> task, TimeSpan? step = null, TimeSpan? limit = null)
    {
        var advanced = TimeSpan.Zero;
        var by = step ?? TimeSpan.FromMilliseconds(5);
        while (!task.IsCompleted)
        {
            if (advanced > (limit ?? TimeSpan.FromMinutes(10))) throw new TimeoutException($"the task did not finish within {advanced} of fake time");
            await Task.Yield();
            await Task.Delay(1);
            if (task.IsCompleted) break;
            clock.Advance(by);
            advanced += by;
        }
        return await task;
    }
}
