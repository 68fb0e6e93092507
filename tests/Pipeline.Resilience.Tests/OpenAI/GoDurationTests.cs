using Pipeline.Resilience.OpenAI;

namespace Pipeline.Resilience.Tests.OpenAI;

public sealed class GoDurationTests
{
    [Theory]
    [InlineData("1s", 1000)]
    [InlineData("6m0s", 360_000)]
    [InlineData("20ms", 20)]
    [InlineData("1.574s", 1574)]
    [InlineData("1h2m3.5s", 3_723_500)]
    [InlineData("500us", 0.5)]
    [InlineData("250µs", 0.25)]
    [InlineData("0", 0)]
    [InlineData(".5s", 500)]
    public void Parses_Go_durations(string text, double milliseconds)
    {
        Assert.True(GoDuration.TryParse(text, out var duration));
        Assert.Equal(milliseconds, duration.TotalMilliseconds, 3);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1")]
    [InlineData("1d")]
    [InlineData("abc")]
    [InlineData("1s garbage")]
    [InlineData("-1s")]
    [InlineData(null)]
    public void Rejects_what_is_not_a_Go_duration(string? text) => Assert.False(GoDuration.TryParse(text, out _));
}
