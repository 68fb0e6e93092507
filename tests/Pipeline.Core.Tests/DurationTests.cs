using Pipeline.Core.Time;

namespace Pipeline.Core.Tests;

public sealed class DurationTests
{
    [Theory]
    [InlineData("1s", 1000)]
    [InlineData("6m0s", 360_000)]      // Go, as OpenAI's x-ratelimit-reset-* headers write it
    [InlineData("20ms", 20)]
    [InlineData("1.574s", 1574)]
    [InlineData("1h2m3.5s", 3_723_500)]
    [InlineData("500us", 0.5)]
    [InlineData("250µs", 0.25)]
    [InlineData("0", 0)]
    [InlineData(".5s", 500)]
    [InlineData("1m30s", 90_000)]      // k6, as the scenario file writes it
    [InlineData("1d", 86_400_000)]
    [InlineData(" 10s ", 10_000)]
    public void Parses_k6_and_Go_durations(string text, double milliseconds)
    {
        Assert.True(Duration.TryParse(text, out var duration));
        Assert.Equal(milliseconds, duration.TotalMilliseconds, 3);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1")]
    [InlineData("00:00:30")]
    [InlineData("abc")]
    [InlineData("1s garbage")]
    [InlineData("-1s")]
    [InlineData("1 s")]
    [InlineData("99999999999d")]
    [InlineData(null)]
    public void Refuses_what_has_no_unit_or_is_another_grammar(string? text) => Assert.False(Duration.TryParse(text, out _));

    [Theory]
    [InlineData(90_000, "1m30s")]
    [InlineData(250, "250ms")]
    [InlineData(7_200_000, "2h")]
    [InlineData(90_061_001, "1d1h1m1s1ms")]
    [InlineData(0, "0")]
    public void Formats_in_the_same_grammar_and_parses_back(double milliseconds, string text)
    {
        var duration = TimeSpan.FromMilliseconds(milliseconds);
        Assert.Equal(text, Duration.Format(duration));
        Assert.True(Duration.TryParse(text, out var back));
        Assert.Equal(duration, back);
    }
}
