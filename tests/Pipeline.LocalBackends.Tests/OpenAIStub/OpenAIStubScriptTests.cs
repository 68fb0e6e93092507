using Pipeline.LocalBackends.OpenAIStub;

namespace Pipeline.LocalBackends.Tests.OpenAIStub;

public sealed class OpenAIStubScriptTests
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.Parse("2026-11-25T12:00:00Z");

    [Fact]
    public void Steps_are_served_in_order_with_their_repeat_counts_then_otherwise()
    {
        var script = OpenAIStubScript.Empty
            .Then(OpenAIStubStep.Fail(OpenAIErrorCatalog.ServerError))
            .Then(OpenAIStubStep.Fail(OpenAIErrorCatalog.Overloaded).Repeat(2));
        var cursor = new OpenAIStubScriptCursor(script);

        var answers = Enumerable.Range(0, 5).Select(_ => cursor.Next(T0).Describe()).ToArray();

        Assert.Equal(["500 server_error", "503 overloaded", "503 overloaded", "200 ok", "200 ok"], answers);
        Assert.Equal("500 server_error, 503 overloaded x2, then 200 ok", script.ToString());
    }

    [Fact]
    public void A_window_starts_at_its_first_request_and_ends_after_its_duration()
    {
        var cursor = new OpenAIStubScriptCursor(OpenAIStubScript.Empty
            .Then(OpenAIStubStep.Fail(OpenAIErrorCatalog.Overloaded).During(TimeSpan.FromSeconds(2))));

        Assert.Equal(OpenAIStubAnswerKind.Error, cursor.Next(T0.AddSeconds(10)).Kind);
        Assert.Equal(OpenAIStubAnswerKind.Error, cursor.Next(T0.AddSeconds(11.9)).Kind);
        Assert.Equal(OpenAIStubAnswerKind.Success, cursor.Next(T0.AddSeconds(12)).Kind);
    }

    [Fact]
    public void Invalid_steps_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => OpenAIStubStep.Success().Repeat(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => OpenAIStubStep.Stall(TimeSpan.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => OpenAIStubStep.Success().During(TimeSpan.Zero));
    }
}
